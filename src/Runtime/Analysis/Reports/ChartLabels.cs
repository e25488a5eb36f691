using System;
using System.Collections.Generic;
using System.Linq;
using PodBench.Runtime.Cli;

namespace PodBench.Runtime.Reports;

/// <summary>
/// Category labels that stay apart when drawn: the prefix and suffix every name shares are dropped (at a separator),
/// and what is left is wrapped into at most two lines; the full name goes into the chart's <c>&lt;title&gt;</c>.
/// </summary>
internal static class ChartLabels
{
    /// <summary>Characters per drawn line of a label.</summary>
    public const int LineChars = 26;

    private static readonly char[] Separators = NamePrefix.Separators;

    /// <summary>
    /// The names without what all of them share (names for which <paramref name="keep"/> holds, such as the
    /// aggregate "merged", are left as they are and do not count), each as one or two lines.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Shorten(IReadOnlyList<string> names, Func<string, bool>? keep = null)
    {
        keep ??= _ => false;
        var shared = names.Where(n => !keep(n)).ToList();
        var prefix = shared.Count < 2 ? 0 : PrefixLength(shared);
        var suffix = shared.Count < 2 ? 0 : CutSuffix(shared, prefix);
        if (shared.Any(n => n.Length - prefix - suffix <= 0))
        {
            (prefix, suffix) = (0, 0);
        }

        return names.Select(n =>
        {
            if (keep(n) || prefix + suffix == 0)
            {
                return Wrap(n);
            }

            return Wrap((prefix > 0 ? "…" : "") + n[prefix..(n.Length - suffix)] + (suffix > 0 ? "…" : ""));
        }).ToList();
    }

    /// <summary>One or two lines of at most <see cref="LineChars"/> characters; a longer text keeps its start and its end.</summary>
    public static IReadOnlyList<string> Wrap(string text)
    {
        if (text.Length <= LineChars)
        {
            return [text];
        }

        if (text.Length <= 2 * LineChars)
        {
            var cut = text.LastIndexOfAny(Separators, LineChars - 1);
            cut = cut > LineChars / 3 ? cut + 1 : LineChars;
            if (text.Length - cut <= LineChars)
            {
                return [text[..cut], text[cut..]];
            }

            return [text[..LineChars], text[LineChars..]];
        }

        return [text[..(LineChars - 1)] + "…", "…" + text[^(LineChars - 1)..]];
    }

    /// <summary>The length of the prefix all <paramref name="names"/> share, cut after a separator (0 when none).</summary>
    public static int PrefixLength(IReadOnlyList<string> names) => NamePrefix.Length(names);

    private static int CutSuffix(IReadOnlyList<string> names, int prefix)
    {
        var length = names.Min(n => n.Length) - prefix;
        var common = 0;
        while (common < length && names.All(n => n[^(common + 1)] == names[0][^(common + 1)]))
        {
            common++;
        }

        if (common == 0)
        {
            return 0;
        }

        var first = names[0];
        var start = first.Length - common;
        var cut = first.IndexOfAny(Separators, start);
        return cut < 0 ? 0 : first.Length - cut;
    }
}
