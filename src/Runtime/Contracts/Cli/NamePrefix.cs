using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Cli;

/// <summary>
/// The prefix that names share (model abbrs such as <c>demo-vllm-api-general-chat-test1</c> and <c>…-test2</c>), cut
/// after a separator: charts and console lines show the rest. Here so that the MSBuild tasks, which shorten the
/// pods' output lines, and the reports cut alike.
/// </summary>
public static class NamePrefix
{
    /// <summary>Where a shared part may be cut: after one of these.</summary>
    internal static readonly char[] Separators = ['-', '/', '_', '.', ' ', ':'];

    /// <summary>The length of the prefix all <paramref name="names"/> share, cut after a separator (0 when none).</summary>
    public static int Length(IReadOnlyList<string> names)
    {
        if (names.Count < 2)
        {
            return 0;
        }

        var length = names.Min(n => n.Length);
        var common = 0;
        while (common < length && names.All(n => n[common] == names[0][common]))
        {
            common++;
        }

        // cut after the last separator inside the shared part, so that "test1" and "test2" stay whole words
        if (common == 0)
        {
            return 0;
        }

        var cut = names[0].LastIndexOfAny(Separators, common - 1, common);
        return cut < 0 ? 0 : cut + 1;
    }

    /// <summary>The prefix the <paramref name="names"/> share (see <see cref="Length"/>); empty for fewer than two names.</summary>
    public static string Shared(IReadOnlyList<string> names)
    {
        System.ArgumentNullException.ThrowIfNull(names);
        return names.Count < 2 ? "" : names[0][..Length(names)];
    }
}
