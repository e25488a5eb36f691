using System.Collections.Generic;
using System.Linq;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Reports;

/// <summary>The alignment part of the report model: the staggered warning, the pods' windows, the figures over the active time.</summary>
internal static class ReportAlignment
{
    public static string Line(MergeAlignment? alignment) => alignment switch
    {
        null => "not recorded by this merge",
        { Staggered: true } => "STAGGERED: see the warning at the top",
        _ => PodAlignment.Describe(alignment),
    };

    public static IReadOnlyList<ReportWindow> Windows(MergeAlignment? alignment)
    {
        if (alignment is null)
        {
            return [];
        }

        var origin = alignment.Pods.SelectMany(p => p.Windows).Select(w => (long?)w.StartNs).Min() ?? 0;
        return alignment.Pods.Select(p => new ReportWindow(
            p.Pod.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PodAlignment.Time(p.StartOffsetNs),
            p.BarrierLateNs is { } late ? PodAlignment.Time(late) : "no barrier",
            p.Windows.Count == 0 ? "none (no request succeeded)" : string.Join(", ", p.Windows.Select(w => $"+{PodAlignment.Time(w.StartNs - origin)} .. +{PodAlignment.Time(w.EndNs - origin)}")),
            PodAlignment.Time(p.Windows.Sum(w => w.DurationNs)))).ToList();
    }

    public static IReadOnlyList<ReportPair> OverActiveTime(MergeAlignment? alignment) =>
        alignment is { Staggered: true } ? alignment.OverActiveTime.Select(v => new ReportPair(v.Key, CompatibleFormat.Global(v))).ToList() : [];
}
