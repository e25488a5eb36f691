using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Reports;

/// <summary>Queries the merged database and draws the HTML report's charts.</summary>
internal static class ReportCharts
{
    private const string Ok = "success AND readings >= 2";

    public static List<ReportChart> Draw(DuckDBConnection connection, MergeSummaryDocument document, int timelineRequests)
    {
        var charts = new List<ReportChart>();
        var scopes = document.Tasks.Append(document.Merged).ToList();
        foreach (var metric in new[] { "TTFT", "E2EL", "TPOT", "ITL" })
        {
            var stats = document.Merged.Statistics.Where(s => s is "Median" || s.StartsWith('P')).ToList();
            if (!document.Merged.Metrics.Any(m => m.Metric == metric && m.Stage == "total") || stats.Count == 0)
            {
                continue;
            }

            var series = stats.Select(s => new ChartSeries(s, scopes.Select((scope, i) => ((double)i, Value(scope, metric, s) * 1000)).ToList())).ToList();
            charts.Add(new ReportChart(
                "pct-" + metric.ToLowerInvariant(),
                $"{metric} percentiles per task and merged (ms)",
                SvgChart.Bars("pct-" + metric.ToLowerInvariant(), $"{metric} percentiles per task and merged (ms)", scopes.Select(s => s.Scope).ToList(), series, "ms"),
                "The merged bars are computed from the union of every pod's records, not by averaging the tasks."));
        }

        charts.Add(HistogramChart(connection, "hist-ttft", "TTFT distribution", "(first_ns - start_ns) / 1e6", "TTFT (ms)", Ok + " AND stream"));
        charts.Add(HistogramChart(connection, "hist-e2el", "E2EL distribution", "(end_ns - start_ns) / 1e6", "E2EL (ms)"));
        charts.Add(Timeline(connection, timelineRequests));
        charts.Add(InFlight(connection, document.Merged));
        charts.AddRange(Throughput(connection));
        charts.Add(Pods(connection, document));
        var lag = SendLag(connection);
        if (lag is not null)
        {
            charts.Add(lag);
        }

        return charts;
    }

    private static double Value(PerfSummary scope, string metric, string stat) =>
        scope.Metrics.Where(m => m.Metric == metric && m.Stage == "total").SelectMany(m => m.Values).Where(v => v.Key == stat).Select(v => v.Value).FirstOrDefault();

    private static (double Origin, double End) Span(DuckDBConnection connection)
    {
        var row = Sql.Row(connection, $"SELECT min(start_ns), max(end_ns) FROM request_times WHERE {Ok}");
        return (Sql.Double(row.ElementAtOrDefault(0)), Sql.Double(row.ElementAtOrDefault(1)));
    }

    private static ReportChart HistogramChart(DuckDBConnection connection, string id, string title, string expr, string label, string filter = Ok)
    {
        const int bins = 40;
        var range = Sql.Row(connection, $"SELECT min({expr}), max({expr}), count(*) FROM request_times WHERE {filter}");
        var low = Sql.Double(range[0]);
        var high = Sql.Double(range[1]);
        var width = high > low ? (high - low) / bins : 1;
        var counts = new long[high > low ? bins : 1];
        foreach (var row in Sql.Rows(connection, $"SELECT least(floor(({expr} - {Sql.Number(low)}) / {Sql.Number(width)}), {counts.Length - 1})::INTEGER AS b, count(*) FROM request_times WHERE {filter} GROUP BY b ORDER BY b"))
        {
            counts[Math.Clamp((int)Sql.Long(row[0]), 0, counts.Length - 1)] += Sql.Long(row[1]);
        }

        return new ReportChart(id, title, SvgChart.Histogram(id, title, low, width, counts, label), $"{Sql.Long(range[2]).ToString("N0", CultureInfo.InvariantCulture)} successful requests in {counts.Length} bins.");
    }

    private static ReportChart Timeline(DuckDBConnection connection, int max)
    {
        var (origin, _) = Span(connection);
        var rows = Sql.Rows(connection, $"""
            SELECT s, f, e FROM (
                SELECT start_ns AS s, first_ns AS f, end_ns AS e,
                       row_number() OVER (ORDER BY start_ns, uuid) - 1 AS rn, count(*) OVER () AS n
                FROM request_times WHERE {Ok})
            WHERE rn % greatest(1, ceil(n / {Math.Max(1, max)})::BIGINT) = 0
            ORDER BY s
            """);
        var requests = rows.Select(r => ((Sql.Double(r[0]) - origin) / 1e9, (Sql.Double(r[1]) - origin) / 1e9, (Sql.Double(r[2]) - origin) / 1e9)).ToList();
        return new ReportChart("timeline", "Request timeline", SvgChart.Timeline("timeline", "Request timeline: TTFT (red) and decode (blue)", requests, "seconds since the first request"),
            $"{requests.Count} requests drawn, evenly sampled by start time from every pod on one UTC axis.");
    }

    private static ReportChart InFlight(DuckDBConnection connection, PerfSummary merged)
    {
        var (origin, end) = Span(connection);
        var bucketNs = Math.Max(1, (end - origin) / 600);
        var rows = Sql.Rows(connection, $"""
            WITH ev AS (
                SELECT start_ns AS t, 1 AS d FROM request_times WHERE {Ok}
                UNION ALL SELECT end_ns AS t, -1 AS d FROM request_times WHERE {Ok}),
            run AS (SELECT t, sum(d) OVER (ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS c FROM ev)
            SELECT floor((t - {Sql.Number(origin)}) / {Sql.Number(bucketNs)}) AS b, max(c), arg_max(c, t)
            FROM run GROUP BY b ORDER BY b
            """);
        var points = new List<(double X, double Y)> { (0, 0) };
        foreach (var r in rows)
        {
            var x = Sql.Double(r[0]) * bucketNs / 1e9;
            points.Add((x, Sql.Double(r[1])));
            points.Add((x + bucketNs / 1e9, Sql.Double(r[2])));
        }

        var limit = merged.Globals.FirstOrDefault(g => g.Key == "Max Concurrency" && g.Stage == "total")?.Value ?? 0;
        var series = new List<ChartSeries> { new("in flight", points) };
        if (limit > 0)
        {
            series.Add(new ChartSeries("limit (sum over pods)", [(0, limit), (points[^1].X, limit)]));
        }

        return new ReportChart("inflight", "Requests in flight", SvgChart.Lines("inflight", "Requests in flight over time", series, "seconds since the first request", "requests", step: true),
            "Step chart from +1 at each send and -1 at each last event, over every pod; the peak within each of up to 600 time buckets is drawn.");
    }

    private static IEnumerable<ReportChart> Throughput(DuckDBConnection connection)
    {
        var (origin, end) = Span(connection);
        var seconds = (end - origin) / 1e9;
        var bucketS = seconds <= 60 ? Math.Max(seconds / 30, 1e-3) : Math.Ceiling(seconds / 60);
        var rows = Sql.Rows(connection, $"""
            SELECT floor((end_ns - {Sql.Number(origin)}) / 1e9 / {Sql.Number(bucketS)}) AS b, count(*), sum(output_tokens)
            FROM request_times WHERE {Ok} GROUP BY b ORDER BY b
            """);
        var tokens = rows.Select(r => ((Sql.Double(r[0]) + 0.5) * bucketS, Sql.Double(r[2]) / bucketS)).ToList();
        var requests = rows.Select(r => ((Sql.Double(r[0]) + 0.5) * bucketS, Sql.Double(r[1]) / bucketS)).ToList();
        var caption = $"Completions per {bucketS.ToString("0.###", CultureInfo.InvariantCulture)} s bucket, attributed to each request's last event.";
        yield return new ReportChart("throughput-tokens", "Output token throughput over time", SvgChart.Lines("throughput-tokens", "Output token throughput over time", [new ChartSeries("output token/s", tokens)], "seconds since the first request", "token/s", step: false), caption);
        yield return new ReportChart("throughput-requests", "Request throughput over time", SvgChart.Lines("throughput-requests", "Request throughput over time", [new ChartSeries("req/s", requests)], "seconds since the first request", "req/s", step: false), caption);
    }

    private static ReportChart Pods(DuckDBConnection connection, MergeSummaryDocument document)
    {
        var stats = ReportPods.Query(connection);
        var categories = stats.Select(s => "pod " + s.Pod.ToString(CultureInfo.InvariantCulture)).ToList();
        var series = new List<ChartSeries>
        {
            new("TTFT P50", stats.Select((s, i) => (i, s.TtftP50)).Where(p => p.TtftP50 is not null).Select(p => ((double)p.i, p.TtftP50!.Value)).ToList()),
            new("TTFT P99", stats.Select((s, i) => (i, s.TtftP99)).Where(p => p.TtftP99 is not null).Select(p => ((double)p.i, p.TtftP99!.Value)).ToList()),
            new("E2EL P50", stats.Select((s, i) => ((double)i, s.E2elP50)).ToList()),
            new("E2EL P99", stats.Select((s, i) => ((double)i, s.E2elP99)).ToList()),
        };
        return new ReportChart("pods", "Pods side by side", SvgChart.Bars("pods", "Pods side by side: latency (ms)", categories, series, "ms"),
            $"{document.MergedPods.Count} of {document.ExpectedPods.Count} expected pods merged.");
    }

    private static ReportChart? SendLag(DuckDBConnection connection)
    {
        var count = Sql.Long(Sql.Row(connection, $"SELECT count(*) FROM request_times WHERE {Ok} AND scheduled_ns > 0")[0]);
        if (count == 0)
        {
            return null;
        }

        var chart = HistogramChart(connection, "client-lag", "Client send lag", "(start_ns - scheduled_ns) / 1e6", "send time minus scheduled time (ms)");
        return chart with { Caption = "How late each scheduled request was sent (open-loop runs): a saturated client shows a long tail. " + chart.Caption };
    }
}
