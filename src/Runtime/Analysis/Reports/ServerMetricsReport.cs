using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;

namespace PodBench.Runtime.Reports;

/// <summary>
/// The reports' server metrics: the merged <c>server_metrics</c> table drawn on the load's time axis (seconds since the
/// first request, the axis of the other time charts), one line per pod and server, and min/mean/max per series.
/// Gauges are drawn as scraped (summed over label sets); counters as their increase per second between two scrapes.
/// </summary>
internal static class ServerMetricsReport
{
    /// <summary>vLLM's and SGLang's names, in the order drawn; a server with none of them gets its first gauges.</summary>
    public static readonly IReadOnlyList<ServerMetricView> Known =
    [
        new("vllm:num_requests_running", "Server: requests running", "requests", false),
        new("vllm:num_requests_waiting", "Server: requests waiting", "requests", false),
        new("vllm:kv_cache_usage_perc", "Server: KV cache usage", "share (1 = full)", false),
        new("vllm:gpu_cache_usage_perc", "Server: GPU KV cache usage", "share (1 = full)", false),
        new("vllm:prompt_tokens_total", "Server: prompt tokens per second", "token/s", true),
        new("vllm:generation_tokens_total", "Server: generation tokens per second", "token/s", true),
        new("vllm:prefix_cache_queries_total", "Server: prefix cache queries per second", "token/s", true),
        new("vllm:prefix_cache_hits_total", "Server: prefix cache hits per second", "token/s", true),
        new("sglang:num_running_reqs", "Server: requests running", "requests", false),
        new("sglang:num_queue_reqs", "Server: requests waiting", "requests", false),
        new("sglang:token_usage", "Server: KV token usage", "share (1 = full)", false),
        new("sglang:cache_hit_rate", "Server: prefix cache hit rate", "share", false),
        new("sglang:prompt_tokens_total", "Server: prompt tokens per second", "token/s", true),
        new("sglang:generation_tokens_total", "Server: generation tokens per second", "token/s", true),
    ];

    private const int FallbackGauges = 6;

    /// <summary>The charts and the table rows; both empty when the run scraped nothing.</summary>
    public static (List<ReportChart> Charts, List<ReportServerMetric> Rows) Build(DuckDBConnection connection)
    {
        var charts = new List<ReportChart>();
        var rows = new List<ReportServerMetric>();
        if (!HasTable(connection))
        {
            return (charts, rows);
        }

        var names = Sql.Rows(connection, $"SELECT name, any_value(type) FROM {ServerMetricsMerge.Table} GROUP BY name ORDER BY name")
            .ToDictionary(r => (string)r[0]!, r => (string?)r[1] ?? "untyped", StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return (charts, rows);
        }

        var views = Known.Where(v => names.ContainsKey(v.Name)).ToList();
        if (views.Any(v => v.Name == "vllm:kv_cache_usage_perc"))
        {
            views.RemoveAll(v => v.Name == "vllm:gpu_cache_usage_perc");
        }

        if (views.Count == 0)
        {
            views = [.. names.Where(n => n.Value == "gauge").Take(FallbackGauges).Select(n => new ServerMetricView(n.Key, "Server: " + n.Key, "value", false))];
        }

        var (origin, _) = ReportCharts.Span(connection);
        var targets = Sql.Rows(connection, $"SELECT DISTINCT target FROM {ServerMetricsMerge.Table} ORDER BY target").Select(r => (string)r[0]!).ToList();
        var pods = Sql.Rows(connection, $"SELECT DISTINCT pod FROM {ServerMetricsMerge.Table} ORDER BY pod").Select(r => Sql.Long(r[0])).ToList();
        var caption = $"Scraped from {string.Join(", ", targets)} by pod(s) {string.Join(", ", pods)}; each sample sits at the midpoint of its scrape on the pod's clock, the axis of the records, so it lines up with the load charts.";
        foreach (var view in views)
        {
            var series = Series(connection, view, origin, targets.Count > 1);
            if (series.Count == 0)
            {
                continue;
            }

            var id = "server-" + Slug(view.Name);
            charts.Add(new ReportChart(id, view.Title, SvgChart.Lines(id, $"{view.Title} ({view.Name})", series, "seconds since the first request", view.Unit, step: false),
                view.Rate ? caption + " A counter is drawn as its increase per second between two scrapes." : caption));
            rows.AddRange(series.Select(s => new ReportServerMetric(
                view.Rate ? view.Name + " (per s)" : view.Name, s.Name, N(s.Points.Count), Num(s.Points.Min(p => p.Y)), Num(s.Points.Average(p => p.Y)), Num(s.Points.Max(p => p.Y)))));
        }

        return (charts, rows);
    }

    private static List<ChartSeries> Series(DuckDBConnection connection, ServerMetricView view, double origin, bool manyTargets)
    {
        var table = ServerMetricsMerge.Table;
        var sql = view.Rate
            ? $"""
                WITH s AS (
                    SELECT pod, target, labels, t_ns, value, lag(value) OVER w AS pv, lag(t_ns) OVER w AS pt
                    FROM {table} WHERE name = {Sql.Text(view.Name)} AND isfinite(value)
                    WINDOW w AS (PARTITION BY pod, target, labels ORDER BY t_ns))
                SELECT pod, target, t_ns, sum(CASE WHEN value >= pv THEN value - pv ELSE value END / ((t_ns - pt) / 1e9))
                FROM s WHERE pv IS NOT NULL AND t_ns > pt
                GROUP BY pod, target, t_ns ORDER BY pod, target, t_ns
                """
            : $"""
                SELECT pod, target, t_ns, sum(value) FROM {table} WHERE name = {Sql.Text(view.Name)} AND isfinite(value)
                GROUP BY pod, target, t_ns ORDER BY pod, target, t_ns
                """;
        return Sql.Rows(connection, sql)
            .GroupBy(r => (Pod: Sql.Long(r[0]), Target: (string)r[1]!))
            .Select(g => new ChartSeries(
                "pod " + g.Key.Pod.ToString(CultureInfo.InvariantCulture) + (manyTargets ? " · " + g.Key.Target : ""),
                g.Select(r => ((Sql.Double(r[2]) - origin) / 1e9, Sql.Double(r[3]))).ToList()))
            .ToList();
    }

    private static bool HasTable(DuckDBConnection connection) =>
        Sql.Long(Sql.Row(connection, $"SELECT count(*) FROM information_schema.tables WHERE table_name = {Sql.Text(ServerMetricsMerge.Table)}")[0]) > 0;

    private static string Slug(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
