using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Tests.Architecture;

/// <summary>
/// The direction of the folders inside one assembly, which the compiler does not check (docs/architecture.md):
/// Metrics &lt;- Merge &lt;- Reports in the analysis; Planning, Results &lt;- Engine &lt;- Workloads in the engine; the
/// simulator uses nothing of the runtime. Read from a file's namespace, its <c>using</c>s and its qualified names.
/// </summary>
public static partial class NamespaceDirection
{
    /// <summary>The folders (namespaces under <c>PodBench.Runtime</c>) each folder must not use.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Forbidden = new Dictionary<string, string[]>
    {
        ["Metrics"] = ["Merge", "Reports", "Simulation"],
        ["Merge"] = ["Reports", "Simulation"],
        ["Reports"] = ["Simulation"],
        ["Planning"] = ["Engine", "Workloads", "Metrics", "Merge", "Reports", "Simulation"],
        ["Results"] = ["Planning", "Engine", "Workloads", "Metrics", "Merge", "Reports", "Simulation"],
        ["Engine"] = ["Workloads", "Metrics", "Merge", "Reports", "Simulation"],
        ["Workloads"] = ["Metrics", "Merge", "Reports", "Simulation"],
        ["Simulation"] = ["Cli", "Planning", "Results", "Engine", "Workloads", "Metrics", "Merge", "Reports", "Cluster"],
    };

    private static readonly string[] Folders = ["Cli", "Planning", "Results", "Engine", "Workloads", "Metrics", "Merge", "Reports", "Simulation", "Cluster"];

    /// <summary>Every use against the direction in <paramref name="source"/> (a C# file named <paramref name="file"/>).</summary>
    public static IEnumerable<string> Violations(string file, string source)
    {
        var ns = Namespace().Match(source);
        if (!ns.Success || !Forbidden.TryGetValue(ns.Groups[1].Value, out var forbidden))
        {
            yield break;
        }

        var code = Comment().Replace(source, "");
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Using().Matches(code))
        {
            used.Add(m.Groups[1].Value);
        }

        foreach (Match m in Qualified().Matches(code))
        {
            if (Folders.Contains(m.Groups[1].Value))
            {
                used.Add(m.Groups[1].Value);
            }
        }

        foreach (var folder in used.Where(forbidden.Contains).Order(StringComparer.Ordinal))
        {
            yield return $"{file}: {ns.Groups[1].Value} uses {folder}";
        }
    }

    [GeneratedRegex(@"^namespace PodBench\.Runtime\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using (?:static )?PodBench\.Runtime\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Using();

    // PodBench.Runtime.Reports.X, or Reports.X as a namespace-relative name (not a member access such as a.Reports.X)
    [GeneratedRegex(@"(?:PodBench\.Runtime\.|(?<![\w.]))(\w+)\.[A-Z]\w*")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"//[^\n]*|""(?:\\.|[^""\\\n])*""")]
    private static partial Regex Comment();
}
