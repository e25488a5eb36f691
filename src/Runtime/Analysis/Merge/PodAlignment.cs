using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Places every merged pod's measured windows on the merged axis and decides whether the pods measured the same
/// moment (docs/metrics.md, "Merged duration"). A pod's window is its first successful send to its last successful
/// completion, the same requests the Benchmark Duration counts; a rerun that added requests to an earlier attempt's
/// (reuse) is split at the rerun's measured start, so each attempt has its own window.
/// </summary>
public static class PodAlignment
{
    /// <summary>Measures the alignment of <paramref name="pods"/> from the merge's <paramref name="recordsTable"/>.</summary>
    public static MergeAlignment Measure(DuckDBConnection connection, string recordsTable, IReadOnlyList<PodManifest> pods, PerfSummary merged)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(merged);
        var splits = string.Join(", ", pods.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"({p.Pod}, CAST({(p.MeasuredWindow is { } w ? w.StartedUtcNs.ToString(CultureInfo.InvariantCulture) : "NULL")} AS BIGINT))")));
        var rows = Sql.Rows(connection, $"""
            WITH split AS (SELECT * FROM (VALUES {splits}) AS s(pod, started_ns))
            SELECT r.pod, coalesce(r.start_ns >= s.started_ns, false) AS current, min(r.start_ns), max(r.end_ns), count(*)
            FROM {recordsTable} AS r JOIN split AS s ON s.pod = r.pod
            WHERE r.success AND r.start_ns IS NOT NULL
            GROUP BY ALL
            ORDER BY 1, 3
            """);
        var windows = rows.ToLookup(r => (int)Sql.Long(r[0]), r => new MeasuredSpan(Sql.Long(r[2]), Sql.Long(r[3]), Sql.Long(r[4])));
        var starts = pods.ToDictionary(p => p.Pod, p => p.MeasuredWindow?.StartedUtcNs ?? windows[p.Pod].Select(s => (long?)s.StartNs).FirstOrDefault());
        var origin = starts.Values.Min() ?? 0;
        var entries = pods.OrderBy(p => p.Pod).Select(p => new PodAlignmentEntry(p.Pod, (starts[p.Pod] ?? origin) - origin, windows[p.Pod].ToList())
        {
            BarrierLateNs = p.MeasuredWindow?.StartOffsetNs,
        }).ToList();
        var all = entries.SelectMany(e => e.Windows).OrderBy(s => s.StartNs).ToList();
        var span = all.Count == 0 ? 0 : all.Max(s => s.EndNs) - all[0].StartNs;
        var (active, largestHole) = Union(all);
        var spread = entries.Count == 0 ? 0 : entries.Max(e => e.StartOffsetNs);
        var staggered = spread > MergeAlignment.ToleranceNs || largestHole > MergeAlignment.ToleranceNs;
        var overActive = OverActiveTime(merged, active);
        return new MergeAlignment
        {
            Status = staggered ? "staggered" : "aligned",
            Pods = entries,
            StartSpreadNs = spread,
            SpanNs = span,
            ActiveNs = active,
            OverActiveTime = overActive,
            Warning = staggered ? Warn(entries, span, active, overActive) : null,
        };
    }

    /// <summary>One line for the console: how closely the pods measured together.</summary>
    public static string Describe(MergeAlignment alignment)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        if (alignment.Warning is { } warning)
        {
            return warning;
        }

        var windows = alignment.Pods.SelectMany(p => p.Windows).Select(w => w.DurationNs).DefaultIfEmpty().ToList();
        return $"pods measured together: {alignment.Pods.Count} pod(s) began within {Time(alignment.StartSpreadNs)} of each other, "
            + $"windows {Time(windows.Min())} to {Time(windows.Max())}; Benchmark Duration {Time(alignment.SpanNs)}";
    }

    /// <summary>A duration in ms below 10 s, else in s.</summary>
    public static string Time(long ns) => Math.Abs(ns) < 10_000_000_000
        ? (ns / 1e6).ToString("#,0.0", CultureInfo.InvariantCulture) + " ms"
        : (ns / 1e9).ToString("#,0.0##", CultureInfo.InvariantCulture) + " s";

    private static (long Active, long LargestHole) Union(IReadOnlyList<MeasuredSpan> sorted)
    {
        long active = 0, hole = 0, end = long.MinValue, start = 0;
        foreach (var s in sorted)
        {
            if (s.StartNs > end)
            {
                if (end != long.MinValue)
                {
                    active += end - start;
                    hole = Math.Max(hole, s.StartNs - end);
                }

                start = s.StartNs;
            }

            end = Math.Max(end, s.EndNs);
        }

        return (end == long.MinValue ? 0 : active + (end - start), hole);
    }

    private static List<GlobalValue> OverActiveTime(PerfSummary merged, long activeNs)
    {
        if (activeNs <= 0)
        {
            return [];
        }

        double Total(string key) => merged.Globals.FirstOrDefault(g => g.Key == key && g.Stage == "total")?.Value ?? 0;
        var seconds = activeNs / 1e9;
        var (input, output) = (Total("Total Input Tokens"), Total("Total Generated Tokens"));
        return
        [
            new("Active Time", "total", activeNs / 1e6, "ms"),
            new("Request Throughput over Active Time", "total", Total("Success Requests") / seconds, "req/s"),
            new("Input Token Throughput over Active Time", "total", input / seconds, "token/s"),
            new("Output Token Throughput over Active Time", "total", output / seconds, "token/s"),
            new("Total Token Throughput over Active Time", "total", (input + output) / seconds, "token/s"),
        ];
    }

    private static string Warn(IReadOnlyList<PodAlignmentEntry> pods, long span, long active, IReadOnlyList<GlobalValue> overActive)
    {
        var first = pods.OrderBy(p => p.StartOffsetNs).First();
        var late = pods.Where(p => p.StartOffsetNs > MergeAlignment.ToleranceNs).Select(p => $"pod {p.Pod} began {Time(p.StartOffsetNs)} after pod {first.Pod}");
        var reruns = pods.Where(p => p.Windows.Count > 1).Select(p => $"pod {p.Pod} measured in {p.Windows.Count} separate attempts");
        var what = string.Join("; ", late.Concat(reruns).DefaultIfEmpty("a pod's window ended before another's began"));
        var rate = overActive.FirstOrDefault(v => v.Key == "Request Throughput over Active Time");
        return $"STAGGERED PODS: the pods did not measure the same moment ({what}); for {Time(span - active)} of the {Time(span)} span no pod was measuring. "
            + $"Benchmark Duration and the throughputs of the compatible files span that gap; over the {Time(active)} some pod was measuring (Active Time)"
            + (rate is null ? "" : $" the request throughput was {CompatibleFormat.Global(rate)}")
            + ". The pods did not load the server together: compare them pod by pod.";
    }
}
