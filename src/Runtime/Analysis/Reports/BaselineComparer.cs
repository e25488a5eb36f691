using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Reports;

/// <summary>
/// Compares the merged metrics of two merged runs (stage total): latency up or throughput down by more than the
/// threshold is a regression; more failed requests is a regression too.
/// </summary>
public static class BaselineComparer
{
    private static readonly (string Key, string Unit, string Better)[] GlobalKeys =
    [
        ("Request Throughput", "req/s", "higher"),
        ("Output Token Throughput", "token/s", "higher"),
        ("Total Token Throughput", "token/s", "higher"),
        ("Concurrency", "", ""),
        ("Benchmark Duration", "ms", ""),
        ("Failed Requests", "", "lower"),
        ("Success Requests", "", ""),
    ];

    /// <summary>Compares the merges of <paramref name="currentRunDir"/> and <paramref name="baselineRunDir"/>.</summary>
    public static BaselineComparison Compare(string currentRunDir, string baselineRunDir, double thresholdPercent = 5)
    {
        var current = MergeSummaryDocument.Read(SummaryPath(currentRunDir));
        var baseline = MergeSummaryDocument.Read(SummaryPath(baselineRunDir));
        return Compare(current, baseline, thresholdPercent);
    }

    /// <summary>Compares two merge summaries.</summary>
    public static BaselineComparison Compare(MergeSummaryDocument current, MergeSummaryDocument baseline, double thresholdPercent = 5)
    {
        var rows = new List<BaselineDelta>();
        foreach (var metric in current.Merged.Metrics.Where(m => m.Stage == "total"))
        {
            var other = baseline.Merged.Metrics.FirstOrDefault(m => m.Metric == metric.Metric && m.Stage == "total");
            if (other is null)
            {
                continue;
            }

            var better = metric.Kind switch { MetricKind.Time => "lower", MetricKind.TokenRate => "higher", _ => "" };
            var unit = metric.Kind switch { MetricKind.Time => "ms", MetricKind.TokenRate => "token/s", _ => "" };
            var scale = metric.Kind == MetricKind.Time ? 1000 : 1;
            foreach (var (stat, value) in metric.Values)
            {
                var match = other.Values.Where(v => v.Key == stat).Select(v => (double?)v.Value).FirstOrDefault();
                if (match is not null)
                {
                    rows.Add(Delta(metric.Metric, stat, unit, match.Value * scale, value * scale, better, thresholdPercent));
                }
            }
        }

        foreach (var (key, unit, better) in GlobalKeys)
        {
            var a = baseline.Merged.Globals.FirstOrDefault(g => g.Key == key && g.Stage == "total");
            var b = current.Merged.Globals.FirstOrDefault(g => g.Key == key && g.Stage == "total");
            if (a is not null && b is not null)
            {
                rows.Add(Delta(key, "", unit, a.Value, b.Value, better, thresholdPercent));
            }
        }

        return new BaselineComparison(current.RunName, baseline.RunName, thresholdPercent, rows);
    }

    private static BaselineDelta Delta(string metric, string stat, string unit, double baseline, double current, string better, double threshold)
    {
        var delta = current - baseline;
        double? percent = baseline == 0 ? null : delta / Math.Abs(baseline) * 100;
        var worse = better switch { "lower" => delta > 0, "higher" => delta < 0, _ => false };
        var beyond = percent is null ? delta != 0 : Math.Abs(percent.Value) > threshold;
        return new BaselineDelta(metric, stat, unit, baseline, current, delta, percent, better, worse && beyond, !worse && better.Length > 0 && delta != 0 && beyond);
    }

    /// <summary>The run's merge_summary.json.</summary>
    internal static string SummaryPath(string runDir) =>
        Path.Combine(runDir, "performances", RunMerger.MergeFolder, MergeSummaryDocument.FileName);
}
