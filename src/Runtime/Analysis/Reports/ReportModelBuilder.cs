using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Reports;

/// <summary>Turns a merge's summary document and database into the templates' model.</summary>
internal static class ReportModelBuilder
{
    private const long MaxDetailsScanBytes = 256L << 20;

    /// <summary>The model of <paramref name="document"/>'s reports; with a baseline (its summary document and, when it has one, its merged.duckdb) the comparison's tables and charts too.</summary>
    public static ReportModel Build(DuckDBConnection connection, MergeSummaryDocument document, string mergeDir, BaselineComparison? comparison, int timelineRequests, (MergeSummaryDocument Document, string? Database)? baseline = null)
    {
        var merged = document.Merged;
        var total = merged.Globals.Where(g => g.Stage == "total").ToDictionary(g => g.Key, g => g);
        string G(string key) => total.TryGetValue(key, out var g) ? CompatibleFormat.Global(g) : "n/a";
        var gatesFailed = document.Gates.Count(g => !g.Passed);
        var head = $"{G("Success Requests")} of {G("Total Requests")} requests succeeded ({G("Failed Requests")} failed) in {G("Benchmark Duration")}: "
            + $"{G("Request Throughput")}, {G("Output Token Throughput")} output; max concurrency {G("Max Concurrency")} (sum over pods)."
            + (document.Gates.Count == 0 ? "" : gatesFailed == 0 ? $" All {document.Gates.Count} SLO gates pass." : $" {gatesFailed} of {document.Gates.Count} SLO gates FAIL.");
        var slowest = Slowest(connection, mergeDir, out var slowestNote);
        var pods = ReportPods.Query(connection);
        var hasStable = merged.Globals.Any(g => g.Stage == "stable") || merged.Metrics.Any(m => m.Stage == "stable");
        var (serverCharts, serverMetrics) = ServerMetricsReport.Build(connection);
        var headline = merged.Statistics.Where(s => s == "Median").Concat(merged.Statistics.Where(s => s.StartsWith('P')).TakeLast(1)).ToList();
        var compared = baseline is { } b ? ComparisonCharts.Draw(connection, document, b.Document, b.Database, headline) : default;
        return new ReportModel
        {
            RunName = document.RunName,
            PlanHash = document.PlanHash,
            Partial = document.Partial,
            PodsLine = $"{document.MergedPods.Count} of {document.ExpectedPods.Count} expected pods merged" + (document.Partial ? " (PARTIAL)" : ""),
            HeadLine = head,
            ClockSkew = ClockSkew(document.ClockSkew),
            Staggered = document.Alignment?.Warning ?? "",
            AlignmentLine = ReportAlignment.Line(document.Alignment),
            WallTimeLine = document.WallTime?.Describe() ?? "",
            Windows = ReportAlignment.Windows(document.Alignment),
            OverActiveTime = ReportAlignment.OverActiveTime(document.Alignment),
            SocketLoop = SocketLoop(document.Pods),
            Notes = merged.Notes,
            Problems = document.Problems,
            Statistics = merged.Statistics,
            Merged = Scope(merged),
            Tasks = document.Tasks.Select(Scope).ToList(),
            Gates = document.Gates.Select(g => new ReportGate(g.Name, g.Passed, g.Passed ? "pass" : "FAIL", g.Message)).ToList(),
            GatesFailed = gatesFailed,
            Pods = document.Pods.Select(p =>
            {
                var q = pods.FirstOrDefault(x => x.Pod == p.Pod);
                return new ReportPod(
                    p.Pod.ToString(CultureInfo.InvariantCulture), p.HostName, N(p.Total), N(p.Success), N(p.Failed), N(p.Concurrency),
                    Ms(q?.TtftP50), Ms(q?.TtftP99), Ms(q?.E2elP50), Ms(q?.E2elP99),
                    Rate(q?.RequestThroughput, "req/s"), Rate(q?.OutputThroughput, "token/s"), Ms(p.ReadDelayP99Us / 1000),
                    $"{N(p.Anchor.MonotonicTicks)} ticks = {N(p.Anchor.UtcNs)} ns UTC @ {N(p.Anchor.StopwatchFrequency)} Hz");
            }).ToList(),
            ClientLag = merged.Extras.Where(e => !e.Key.StartsWith("Pods ", StringComparison.Ordinal) && !Metrics.Goodput.IsKey(e.Key) && !PromptCache.IsKey(e.Key))
                .Select(e => new ReportPair(e.Key, CompatibleFormat.Global(e))).ToList(),
            Goodput = merged.Extras.Where(e => Metrics.Goodput.IsKey(e.Key))
                .Select(e => new ReportPair($"{e.Key} ({e.Stage})", CompatibleFormat.Global(e))).ToList(),
            PrefixCache = merged.Extras.Where(e => PromptCache.IsKey(e.Key))
                .Select(e => new ReportPair($"{e.Key} ({e.Stage})", CompatibleFormat.Global(e))).ToList(),
            Failures = merged.Failures.Select(f => new ReportPair(f.Reason, N(f.Count))).ToList(),
            Slowest = slowest,
            SlowestNote = slowestNote,
            Baseline = comparison is null ? null : Baseline(comparison),
            ComparisonCharts = compared.Charts ?? [],
            Comparison = compared.Markdown,
            Charts = ReportCharts.Draw(connection, document, timelineRequests),
            Warnings = ReportWarnings.Of(document),
            HasStable = hasStable,
            HeadlineStatistics = headline,
            TaskRows = document.Tasks.Select(t => TaskRow(t, headline)).ToList(),
            MarkdownTaskDetails = document.Tasks.Count,
            ServerCharts = serverCharts,
            ServerMetrics = serverMetrics,
            Sweep = SweepReport.Build(document),
        };
    }

    private static ReportScope Scope(PerfSummary summary)
    {
        var stages = summary.Globals.GroupBy(g => g.Key).Select(g => new ReportGlobalRow(
            g.Key,
            g.Where(v => v.Stage == "total").Select(CompatibleFormat.Global).FirstOrDefault() ?? "",
            g.Where(v => v.Stage == "stable").Select(CompatibleFormat.Global).FirstOrDefault() ?? "")).ToList();
        return new ReportScope
        {
            Scope = summary.Scope,
            // Our content-token rows follow the reference's rows, under their own names (docs/metrics.md).
            Metrics = summary.Metrics.Concat(summary.ContentMetrics)
                .Select(m => new ReportMetricRow(m.Metric, m.Stage, m.Values.Select(v => CompatibleFormat.Statistic(m.Kind, v.Value)).ToList(), N(m.N))).ToList(),
            Globals = stages,
            Turns = summary.Turns
                .Select(m => new ReportMetricRow(m.Metric, m.Stage, m.Values.Select(v => CompatibleFormat.Statistic(m.Kind, v.Value)).ToList(), N(m.N))).ToList(),
            Notes = summary.Notes,
        };
    }

    private static ReportTaskRow TaskRow(PerfSummary task, IReadOnlyList<string> statistics)
    {
        string G(string key) => task.Globals.Where(g => g.Key == key && g.Stage == "total").Select(CompatibleFormat.Global).FirstOrDefault() ?? "n/a";
        List<string> Stats(string metric)
        {
            var m = task.Metrics.FirstOrDefault(x => x.Metric == metric && x.Stage == "total");
            return statistics.Select(s => m?.Values.Where(v => v.Key == s).Select(v => CompatibleFormat.Statistic(m.Kind, v.Value)).FirstOrDefault() ?? "n/a").ToList();
        }

        return new ReportTaskRow(task.Scope, G("Total Requests"), G("Failed Requests"), Stats("TTFT"), Stats("E2EL"), G("Output Token Throughput"));
    }

    /// <summary>"0: every pod ran on ..." as "0 (every pod ran on ...)": the figure first, then why.</summary>
    private static string ClockSkew(string text)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon <= 0 ? text : $"{text[..colon]} ({text[(colon + 2)..]})";
    }

    private static ReportBaseline Baseline(BaselineComparison c) => new(
        c.BaselineRun,
        c.ThresholdPercent.ToString("0.##", CultureInfo.InvariantCulture) + "%",
        c.Regressions.Count,
        c.Rows.Select(r => new ReportDeltaRow(
            r.Statistic.Length == 0 ? r.Metric : r.Statistic + " " + r.Metric,
            Num(r.Baseline, r.Unit),
            Num(r.Current, r.Unit),
            (r.Delta >= 0 ? "+" : "") + Num(r.Delta, r.Unit),
            r.DeltaPercent is null ? "n/a" : (r.DeltaPercent >= 0 ? "+" : "") + r.DeltaPercent.Value.ToString("0.0", CultureInfo.InvariantCulture) + "%",
            r.Regression ? "regression" : r.Improvement ? "improvement" : "")).ToList());

    private static List<ReportSlowRequest> Slowest(DuckDBConnection connection, string mergeDir, out string note)
    {
        var rows = Sql.Rows(connection, """
            SELECT pod, model_abbr || '/' || data_abbr, id, (end_ns - start_ns) / 1e6, (first_ns - start_ns) / 1e6, output_tokens, uuid
            FROM request_times WHERE success AND readings >= 2
            ORDER BY end_ns - start_ns DESC, uuid LIMIT 5
            """);
        var predictions = new Dictionary<string, string>(StringComparer.Ordinal);
        var details = Path.Combine(mergeDir, "merged_details.jsonl");
        note = "";
        if (rows.Count > 0 && File.Exists(details) && new FileInfo(details).Length <= MaxDetailsScanBytes)
        {
            var uuids = rows.Select(r => (string)r[6]!).ToList();
            foreach (var p in Sql.Rows(connection, $"SELECT uuid, left(coalesce(prediction, ''), 120) FROM read_json($details, format = 'newline_delimited', ignore_errors = true, maximum_object_size = {Results.RecordSql.MaximumObjectSize}, columns = {{'uuid': 'VARCHAR', 'prediction': 'VARCHAR'}}) WHERE list_contains($uuids, uuid)", ("details", details), ("uuids", uuids)))
            {
                predictions[(string)p[0]!] = (string?)p[1] ?? "";
            }
        }
        else if (rows.Count > 0)
        {
            note = "Outputs are not shown: merged_details.jsonl is larger than 256 MiB.";
        }

        return rows.Select(r => new ReportSlowRequest(
            Sql.Long(r[0]).ToString(CultureInfo.InvariantCulture), (string)r[1]!, Sql.Long(r[2]).ToString(CultureInfo.InvariantCulture),
            Ms(Sql.Double(r[3])), Ms(Sql.Double(r[4])), N(Sql.Long(r[5])),
            predictions.TryGetValue((string)r[6]!, out var text) ? text : "")).ToList();
    }

    private static string SocketLoop(IReadOnlyList<PodSummary> pods)
    {
        var ways = pods.GroupBy(p => p.BusyPollMicroseconds).OrderBy(g => g.Key).Select(g => Who(g) + How(g.Key));
        return "Socket loop: " + string.Join("; ", ways) + " (BenchmarkBusyPoll).";

        string Who(IGrouping<long, PodSummary> group) =>
            pods.Count == 1 ? "" : group.Count() == pods.Count ? "every pod " : $"pod(s) {string.Join(", ", group.Select(p => p.Pod))} ";

        static string How(long microseconds) =>
            microseconds == 0 ? "slept between events" : $"polled for up to {N(microseconds)} µs after each event";
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double? value) => value is null ? "n/a" : CompatibleFormat.TimeMs(value.Value / 1000);

    private static string Rate(double? value, string unit) => value is null ? "n/a" : value.Value.ToString("0.####", CultureInfo.InvariantCulture) + " " + unit;

    private static string Num(double value, string unit) => value.ToString("0.####", CultureInfo.InvariantCulture) + (unit.Length == 0 ? "" : " " + unit);
}
