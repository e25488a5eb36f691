using System;
using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Cli.Settings;

/// <summary>Finds the known name nearest a mistyped one (<c>BenchmarkPressureTme</c> -> <c>BenchmarkPressureTime</c>).</summary>
public static class SettingNames
{
    /// <summary>
    /// The MSBuild properties given (e.g. <c>-p:</c>) that start with <c>Benchmark</c> but are no setting, each
    /// with the nearest known property.
    /// </summary>
    public static IReadOnlyList<(string Given, string Nearest)> UnknownProperties(IEnumerable<string> given)
    {
        var known = RunSettingCatalog.Properties.Select(s => s.Property!).ToArray();
        return [.. given
            .Where(g => g.StartsWith("Benchmark", StringComparison.OrdinalIgnoreCase) && RunSettingCatalog.ByProperty(g) is null)
            .Order(StringComparer.Ordinal)
            .Select(g => (g, Nearest(g, known)))];
    }

    /// <summary>The name of <paramref name="known"/> at the least edit distance from <paramref name="name"/> (case-insensitive).</summary>
    public static string Nearest(string name, IReadOnlyList<string> known) =>
        known.MinBy(k => Distance(name.ToLowerInvariant(), k.ToLowerInvariant())) ?? throw new ArgumentException("No names to choose from.", nameof(known));

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
