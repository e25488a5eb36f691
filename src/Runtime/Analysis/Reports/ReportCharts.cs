using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Reports;

/// <summary>
/// Queries the merged database and draws the HTML report's charts. Every number drawn comes from DuckDB over the
/// merge's own records (<c>request_times</c>, <c>requests</c>) or from the merge's summaries: no second code path.
/// </summary>
internal static class ReportCharts
{
    /// <summary>The requests every latency chart draws: successful ones with a first and a last reading.</summary>
    public const string Ok = "success AND readings >= 2";

    /// <summary>At most this many requests' gaps are pooled for the ITL CDF (chosen by the hash of their uuid).</summary>
    public const int ItlRequests = 2000;

    /// <summary>More scopes than this: the percentile charts show only the median and the highest percentile.</summary>
    private const int ManyScopes = 12;

    public static List<ReportChart> Draw(DuckDBConnection connection, MergeSummaryDocument document, int timelineRequests)
    {
        var charts = new List<ReportChart>();
        charts.AddRange(Percentiles(document));
        charts.AddRange(Cdfs(connection));
        charts.Add(HistogramChart(connection, "hist-ttft", "TTFT distribution", Expressions.Ttft, "TTFT (ms)", Ok + " AND stream"));
        charts.Add(HistogramChart(connection, "hist-e2el", "E2EL distribution", Expressions.E2el, "E2EL (ms)"));
        charts.Add(HistogramChart(connection, "hist-tpot", "TPOT distribution", Expressions.Tpot, "TPOT (ms)", Ok + " AND stream AND output_tokens > 1"));
        charts.Add(HistogramChart(connection, "hist-input", "Input length distribution", "input_tokens", "input tokens", Ok, integer: true));
        charts.Add(HistogramChart(connection, "hist-output", "Output length distribution", "output_tokens", "output tokens", Ok, integer: true));
        charts.AddRange(OverTime(connection, timelineRequests));
        charts.Add(Timeline(connection, timelineRequests));
        charts.Add(InFlight(connection, document.Merged));
        charts.AddRange(Throughput(connection));
        charts.AddRange(Pods(connection, document));
        var lag = SendLag(connection);
        if (lag is not null)
        {
            charts.Add(lag);
        }

        return charts;
    }

    /// <summary>The first send and the last completion of the successful requests, ns.</summary>
    public static (double Origin, double End) Span(DuckDBConnection connection)
    {
        var row = Sql.Row(connection, $"SELECT min(start_ns), max(end_ns) FROM request_times WHERE {Ok}");
        return (Sql.Double(row.ElementAtOrDefault(0)), Sql.Double(row.ElementAtOrDefault(1)));
    }

    /// <summary>The throughput charts' bucket: 30 buckets up to a minute, whole seconds (at most 60 buckets) beyond.</summary>
    public static double BucketSeconds(double seconds) => seconds <= 60 ? Math.Max(seconds / 30, 1e-3) : Math.Ceiling(seconds / 60);

    private static IEnumerable<ReportChart> Percentiles(MergeSummaryDocument document)
    {
        var scopes = document.Tasks.Append(document.Merged).ToList();
        var stats = document.Merged.Statistics.Where(s => s is "Median" || s.StartsWith('P')).ToList();
        if (scopes.Count > ManyScopes + 1 && stats.Count > 2)
        {
            stats = [.. stats.Where(s => s == "Median").Append(stats[^1]).Distinct()];
        }

        foreach (var metric in new[] { "TTFT", "E2EL", "TPOT", "ITL" })
        {
            if (!document.Merged.Metrics.Any(m => m.Metric == metric && m.Stage == "total") || stats.Count == 0)
            {
                continue;
            }

            var id = "pct-" + metric.ToLowerInvariant();
            var title = $"{metric} percentiles per task and merged (ms)";
            var series = stats.Select(s => new ChartSeries(s, scopes.Select((scope, i) => (i, Value(scope, metric, s))).Where(p => p.Item2 is not null).Select(p => ((double)p.i, p.Item2!.Value * 1000)).ToList())).ToList();
            yield return new ReportChart(id, title,
                SvgChart.HBars(id, title, scopes.Select(s => s.Scope).ToList(), series, "ms", keepLabel: name => name == document.Merged.Scope),
                "From the merge's summaries: the merged bars come from the union of every pod's records, not from averaging the tasks. Labels drop what every task name shares; hover a row for its full name.",
                Wide: scopes.Count > 6);
        }
    }

    private static double? Value(PerfSummary scope, string metric, string stat) =>
        scope.Metrics.Where(m => m.Metric == metric && m.Stage == "total").SelectMany(m => m.Values).Where(v => v.Key == stat).Select(v => (double?)v.Value).FirstOrDefault();

    private static IEnumerable<ReportChart> Cdfs(DuckDBConnection connection)
    {
        foreach (var (id, metric, expr, filter) in new[]
        {
            ("cdf-ttft", "TTFT", Expressions.Ttft, Ok + " AND stream"),
            ("cdf-e2el", "E2EL", Expressions.E2el, Ok),
        })
        {
            var (points, n) = Quantiles(connection, $"SELECT {expr} AS v FROM request_times WHERE {filter}");
            if (n > 0)
            {
                yield return Cdf(id, metric, points, $"{n.ToString("N0", CultureInfo.InvariantCulture)} successful requests; the curve joins the 1% quantiles (DuckDB quantile_cont).");
            }
        }

        List<(double X, double Y)> itl;
        long gaps;
        try
        {
            (itl, gaps) = Quantiles(connection, Expressions.ItlGaps(ItlRequests));
        }
        catch (DuckDBException)
        {
            // the readings are in the db_data files beside merged.duckdb: a run folder copied without them has no ITL CDF
            yield break;
        }

        if (gaps > 0)
        {
            yield return Cdf("cdf-itl", "ITL", itl, $"{gaps.ToString("N0", CultureInfo.InvariantCulture)} gaps between readings after the first token, pooled over up to {ItlRequests.ToString("N0", CultureInfo.InvariantCulture)} successful streamed requests (chosen by the hash of their uuid).");
        }
    }

    /// <summary>The 101 quantiles (0, 1%, ..., 100%) of the column v of <paramref name="source"/> as (value, level) points, and its count.</summary>
    public static (List<(double X, double Y)> Points, long N) Quantiles(DuckDBConnection connection, string source)
    {
        var row = Sql.Row(connection, $"SELECT quantile_cont(v, {Expressions.CdfLevels}), count(v) FROM ({source})");
        var n = Sql.Long(row[1]);
        if (n == 0 || row[0] is not System.Collections.IList values)
        {
            return ([], 0);
        }

        return (values.Cast<object>().Select((v, i) => (Sql.Double(v), i / 100.0)).ToList(), n);
    }

    private static ReportChart Cdf(string id, string metric, List<(double X, double Y)> points, string caption) =>
        new(id, $"{metric} CDF", SvgChart.Lines(id, $"{metric} CDF: share of requests at or below", [new ChartSeries(metric, points)], metric + " (ms)", "share", step: false, yTop: 1), caption);

    private static ReportChart HistogramChart(DuckDBConnection connection, string id, string title, string expr, string label, string filter = Ok, bool integer = false)
    {
        var range = Sql.Row(connection, $"SELECT min({expr}), max({expr}), count(*) FROM request_times WHERE {filter}");
        var n = Sql.Long(range[2]);
        var low = Sql.Double(range[0]);
        var high = Sql.Double(range[1]);
        var (start, width, bins) = Bins(low, high, n, integer);
        var counts = new long[bins];
        foreach (var row in Sql.Rows(connection, $"SELECT least(floor(({expr} - {Sql.Number(start)}) / {Sql.Number(width)}), {bins - 1})::INTEGER AS b, count(*) FROM request_times WHERE {filter} GROUP BY b ORDER BY b"))
        {
            counts[Math.Clamp((int)Sql.Long(row[0]), 0, bins - 1)] += Sql.Long(row[1]);
        }

        return new ReportChart(id, title, SvgChart.Histogram(id, title, start, width, counts, label),
            $"{n.ToString("N0", CultureInfo.InvariantCulture)} requests in {bins} bins (Rice rule: 2·n^(1/3), 5 to 60).");
    }

    /// <summary>Rice's rule for the number of bins (5 to 60); integer values get whole-number bins.</summary>
    public static (double Start, double Width, int Bins) Bins(double low, double high, long n, bool integer)
    {
        var bins = (int)Math.Clamp(Math.Ceiling(2 * Math.Cbrt(Math.Max(1, n))), 5, 60);
        if (integer)
        {
            var span = high - low + 1;
            var width = Math.Max(1, Math.Ceiling(span / bins));
            return (low, width, (int)Math.Max(1, Math.Ceiling(span / width)));
        }

        return high > low ? (low, (high - low) / bins, bins) : (low, 1, 1);
    }

    private static IEnumerable<ReportChart> OverTime(DuckDBConnection connection, int max)
    {
        var (origin, _) = Span(connection);
        foreach (var (id, metric, expr, filter) in new[] { ("ttft-time", "TTFT", Expressions.Ttft, Ok + " AND stream"), ("e2el-time", "E2EL", Expressions.E2el, Ok) })
        {
            var rows = Sql.Rows(connection, $"""
                SELECT (start_ns - {Sql.Number(origin)}) / 1e9, {expr} FROM (
                    SELECT *, row_number() OVER (ORDER BY start_ns, uuid) - 1 AS rn, count(*) OVER () AS n
                    FROM request_times WHERE {filter})
                WHERE rn % greatest(1, ceil(n / {Math.Max(1, max)})::BIGINT) = 0
                ORDER BY start_ns, uuid
                """);
            if (rows.Count == 0)
            {
                continue;
            }

            var points = rows.Select(r => (Sql.Double(r[0]), Sql.Double(r[1]))).ToList();
            yield return new ReportChart(id, $"{metric} over time", SvgChart.Scatter(id, $"{metric} of each request against its send time", [new ChartSeries(metric, points)], "seconds since the first request", metric + " (ms)"),
                $"{points.Count} requests drawn, evenly sampled by send time from every pod on one UTC axis.");
        }
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
        var bucketS = BucketSeconds(seconds);
        var buckets = Math.Max(1, (long)Math.Floor(seconds / bucketS) + 1);
        // every bucket from the first send to the last completion, empty ones at zero; per pod and over every pod
        var rows = Sql.Rows(connection, $"""
            WITH done AS (
                SELECT pod, least(floor((end_ns - {Sql.Number(origin)}) / 1e9 / {Sql.Number(bucketS)}), {buckets - 1})::BIGINT AS b, output_tokens
                FROM request_times WHERE {Ok}),
            agg AS (
                SELECT pod, b, count(*) AS c, sum(output_tokens) AS t FROM done GROUP BY pod, b
                UNION ALL SELECT -1, b, count(*), sum(output_tokens) FROM done GROUP BY b),
            grid AS (SELECT p.pod, r.range AS b FROM (SELECT DISTINCT pod FROM agg) AS p CROSS JOIN range(0, {buckets}) AS r)
            SELECT g.pod, g.b, coalesce(a.c, 0), coalesce(a.t, 0)
            FROM grid AS g LEFT JOIN agg AS a ON a.pod = g.pod AND a.b = g.b
            ORDER BY g.pod, g.b
            """);
        var byPod = rows.GroupBy(r => Sql.Long(r[0])).ToList();
        ChartSeries Series(IGrouping<long, object?[]> pod, int column, string name)
        {
            var points = pod.Select(r => (Sql.Long(r[1]) * bucketS, Sql.Double(r[column]) / bucketS)).ToList();
            points.Add((buckets * bucketS, points[^1].Item2));
            return new ChartSeries(name, points);
        }

        IReadOnlyList<ChartSeries> All(int column, string unit) => byPod.Count is > 2 and <= 9
            ? byPod.OrderBy(g => g.Key).Select(g => Series(g, column, g.Key < 0 ? "every pod" : "pod " + g.Key.ToString(CultureInfo.InvariantCulture))).ToList()
            : [Series(byPod.Single(g => g.Key < 0), column, unit)];
        var caption = $"Completions per {bucketS.ToString("0.###", CultureInfo.InvariantCulture)} s bucket from the first send to the last completion, attributed to each request's last event; a bucket without one is 0.";
        yield return new ReportChart("throughput-tokens", "Output token throughput over time", SvgChart.Lines("throughput-tokens", "Output token throughput over time", All(3, "output token/s"), "seconds since the first request", "token/s", step: true), caption);
        yield return new ReportChart("throughput-requests", "Request throughput over time", SvgChart.Lines("throughput-requests", "Request throughput over time", All(2, "req/s"), "seconds since the first request", "req/s", step: true), caption);
    }

    private static IEnumerable<ReportChart> Pods(DuckDBConnection connection, MergeSummaryDocument document)
    {
        var stats = ReportPods.Query(connection);
        var categories = stats.Select(s => "pod " + s.Pod.ToString(CultureInfo.InvariantCulture)).ToList();
        var caption = $"{document.MergedPods.Count} of {document.ExpectedPods.Count} expected pods merged; one chart per metric, so that each has its own axis.";
        var ttft = new List<ChartSeries>
        {
            new("TTFT P50", stats.Select((s, i) => (i, s.TtftP50)).Where(p => p.TtftP50 is not null).Select(p => ((double)p.i, p.TtftP50!.Value)).ToList()),
            new("TTFT P99", stats.Select((s, i) => (i, s.TtftP99)).Where(p => p.TtftP99 is not null).Select(p => ((double)p.i, p.TtftP99!.Value)).ToList()),
        };
        if (ttft.Any(s => s.Points.Count > 0))
        {
            yield return new ReportChart("pods-ttft", "Pods side by side: TTFT", SvgChart.Bars("pods-ttft", "Pods side by side: TTFT (ms)", categories, ttft, "ms"), caption);
        }

        var e2el = new List<ChartSeries>
        {
            new("E2EL P50", stats.Select((s, i) => ((double)i, s.E2elP50)).ToList()),
            new("E2EL P99", stats.Select((s, i) => ((double)i, s.E2elP99)).ToList()),
        };
        yield return new ReportChart("pods-e2el", "Pods side by side: E2EL", SvgChart.Bars("pods-e2el", "Pods side by side: E2EL (ms)", categories, e2el, "ms"), caption);
    }

    private static ReportChart? SendLag(DuckDBConnection connection)
    {
        // only paced requests have a schedule: an unpaced one records scheduled_ns 0
        const string paced = Ok + " AND scheduled_ns > 0";
        if (Sql.Long(Sql.Row(connection, $"SELECT count(*) FROM request_times WHERE {paced}")[0]) == 0)
        {
            return null;
        }

        var chart = HistogramChart(connection, "client-lag", "Client send lag", Expressions.SendLag, "send time minus scheduled time (ms)", paced);
        return chart with { Caption = "How late each scheduled request was sent (paced and trace tasks; unpaced requests have no schedule and are left out): a saturated client shows a long tail. " + chart.Caption };
    }
}
