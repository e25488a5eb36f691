using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PodBench.Runtime.Merge;

namespace PodBench.Runtime.Reports;

/// <summary>The sweep section of the reports: per curve a table of its levels and the latency-throughput charts.</summary>
internal static class SweepReport
{
    private static readonly string[] Preferred = ["Median", "P90", "P99"];

    public static IReadOnlyList<ReportSweep> Build(MergeSummaryDocument document) =>
        document.Sweep.Select((curve, i) => Build(curve, i)).ToList();

    private static ReportSweep Build(SweepCurve curve, int index)
    {
        var title = curve.Model + "/" + curve.Dataset;
        var keys = curve.Points.SelectMany(p => p.TtftMs.Keys.Concat(p.E2elMs.Keys)).Distinct().ToList();
        var statistics = Preferred.Where(keys.Contains).ToList();
        if (statistics.Count == 0)
        {
            statistics = keys.Where(k => k is not "Min" and not "Max").ToList();
        }

        var rows = curve.Points.Select(p => new ReportSweepRow(
            Label(curve.Dimension, p.Level),
            p.Task,
            Rate(p.RequestThroughput, "req/s"),
            Rate(p.OutputTokenThroughput, "token/s"),
            Values(p.TtftMs, statistics),
            Values(p.TpotMs, statistics),
            Values(p.E2elMs, statistics),
            p.Passed ? "pass" : "FAIL: " + string.Join("; ", p.FailedGates),
            p.Task == curve.BestTask)).ToList();
        var best = curve.BestLevel is { } level
            ? $"best level: {Label(curve.Dimension, level)} ({curve.BestTask}), the highest whose gates hold with every lower level's"
            : curve.Points.Any(p => p.FailedGates.Count > 0) ? "no level meets every gate" : "no gates: no best level is named";
        if (curve.NotRun.Count > 0)
        {
            best += $"; not run (the search stopped): {string.Join(", ", curve.NotRun.Select(l => Label(curve.Dimension, l)))}";
        }

        var charts = new List<ReportChart>();
        foreach (var (metric, values) in new (string, System.Func<SweepPoint, IReadOnlyDictionary<string, double>>)[] { ("TTFT", p => p.TtftMs), ("TPOT", p => p.TpotMs), ("E2EL", p => p.E2elMs) })
        {
            var series = statistics.Select(s => new ChartSeries(
                $"{metric} {s}",
                curve.Points.Where(p => p.RequestThroughput is not null && values(p).ContainsKey(s)).Select(p => (p.RequestThroughput!.Value, values(p)[s])).ToList())).ToList();
            var id = $"sweep-{index.ToString(CultureInfo.InvariantCulture)}-{metric.ToLowerInvariant()}";
            var chartTitle = $"{title}: {metric} against throughput";
            charts.Add(new ReportChart(id, chartTitle, SvgChart.Lines(id, chartTitle, series, "req/s", "ms", step: false), $"{metric} ({string.Join(", ", statistics)}) of each level against its achieved request throughput; levels {string.Join(", ", curve.Points.Select(p => Label(curve.Dimension, p.Level)))}"));
        }

        return new ReportSweep(title, best, statistics, rows, charts);
    }

    private static string Label(string dimension, double level) =>
        (dimension == "RequestRate" ? "r" : "c") + level.ToString("0.###", CultureInfo.InvariantCulture);

    private static List<string> Values(IReadOnlyDictionary<string, double> values, IReadOnlyList<string> statistics) =>
        statistics.Select(s => values.TryGetValue(s, out var v) ? v.ToString("0.##", CultureInfo.InvariantCulture) + " ms" : "n/a").ToList();

    private static string Rate(double? value, string unit) =>
        value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) + " " + unit : "n/a";
}
