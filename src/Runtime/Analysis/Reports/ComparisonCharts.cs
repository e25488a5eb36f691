using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Reports;

/// <summary>
/// Draws a run and its baseline together: overlaid CDFs of TTFT, TPOT and E2EL (DuckDB's <c>quantile_cont</c> over
/// each run's own <c>request_times</c>, the baseline's database attached read-only) and grouped bars per task for the
/// headline percentiles and the output throughput (each run's merge summaries: the figures its tables show). The same
/// figures, fewer of them, make report.md's comparison tables.
/// </summary>
internal static class ComparisonCharts
{
    /// <summary>The alias the baseline's merged.duckdb is attached under.</summary>
    public const string Alias = "baseline_run";

    /// <summary>The CDF levels (percent) report.md lists.</summary>
    private static readonly int[] MarkdownLevels = [10, 25, 50, 75, 90, 99, 100];

    private static readonly (string Id, string Metric, string Expr, string Filter)[] Distributions =
    [
        ("ttft", "TTFT", Expressions.Ttft, ReportCharts.Ok + " AND stream"),
        ("tpot", "TPOT", Expressions.Tpot, ReportCharts.Ok + " AND stream AND output_tokens > 1"),
        ("e2el", "E2EL", Expressions.E2el, ReportCharts.Ok),
    ];

    /// <summary>The latencies drawn per task.</summary>
    private static readonly string[] Latencies = ["TTFT", "TPOT", "E2EL"];

    // the baseline light, the current run dark, one hue per statistic
    private static readonly (string Baseline, string Current)[] Pairs = [("#a0cbe8", "#4e79a7"), ("#ffbe7d", "#f28e2b"), ("#8cd17d", "#59a14f")];

    /// <summary>The comparison's charts and report.md's tables; <paramref name="baselineDb"/> null: no CDFs (the baseline has no database).</summary>
    public static (List<ReportChart> Charts, ReportComparison Markdown) Draw(DuckDBConnection connection, MergeSummaryDocument current, MergeSummaryDocument baseline, string? baselineDb, IReadOnlyList<string> headline)
    {
        var (charts, rows, note) = Cdfs(connection, baselineDb);
        var scopes = Scopes(current, baseline);
        charts.AddRange(Latencies.Select(m => TaskBars(current, baseline, scopes, m, headline)).OfType<ReportChart>());
        charts.Add(ThroughputBars(current, baseline, scopes));
        var columns = Latencies.SelectMany(m => headline.Where(s => Value(current.Merged, m, s) is not null || Value(baseline.Merged, m, s) is not null).Select(s => (Metric: m, Stat: s))).ToList();
        var tasks = scopes.Select(scope =>
        {
            var (a, b) = (Find(baseline, scope), Find(current, scope));
            return new ReportTaskComparison(scope, columns.Select(c => Cell(Ms(a, c.Metric, c.Stat), Ms(b, c.Metric, c.Stat))).Append(Cell(Throughput(a), Throughput(b))).ToList());
        }).ToList();
        var levels = MarkdownLevels.Select(l => l == 100 ? "Max" : "P" + l.ToString(CultureInfo.InvariantCulture)).ToList();
        return (charts, new ReportComparison(levels, rows, [.. columns.Select(c => $"{c.Metric} {c.Stat} (ms)"), "Output throughput (token/s)"], tasks, note));
    }

    /// <summary>The overlaid CDFs and their rows for report.md, or why there are none.</summary>
    private static (List<ReportChart> Charts, List<ReportDistributionRow> Rows, string Note) Cdfs(DuckDBConnection connection, string? baselineDb)
    {
        if (baselineDb is null)
        {
            return ([], [], "The baseline folder has no merged.duckdb (performances/merge_results/db_data): its distributions cannot be drawn, only its summaries' figures.");
        }

        var charts = new List<ReportChart>();
        var rows = new List<ReportDistributionRow>();
        string? attached = null;
        try
        {
            var table = Attach(connection, baselineDb, out attached);
            foreach (var d in Distributions)
            {
                var (chart, levels) = Cdf(connection, table, d.Id, d.Metric, d.Expr, d.Filter);
                if (chart is not null)
                {
                    charts.Add(chart);
                    rows.AddRange(levels);
                }
            }
        }
        catch (DuckDBException e)
        {
            return ([], [], $"The baseline's {baselineDb} could not be read ({e.Message.Split('\n')[0]}): its distributions are not drawn, only its summaries' figures.");
        }
        finally
        {
            if (attached is not null)
            {
                Sql.Execute(connection, $"DETACH {attached}");
            }
        }

        return (charts, rows, "");
    }

    /// <summary>The merge, then every task of the current run, then those only the baseline ran.</summary>
    private static List<string> Scopes(MergeSummaryDocument current, MergeSummaryDocument baseline) =>
        current.Tasks.Select(t => t.Scope).Concat(baseline.Tasks.Select(t => t.Scope)).Distinct(StringComparer.Ordinal).Prepend(current.Merged.Scope).ToList();

    /// <summary>
    /// Attaches the baseline's database read-only and returns its <c>request_times</c>; a baseline that is the current
    /// run's own database (DuckDB attaches a file once) is read where it is.
    /// </summary>
    private static string Attach(DuckDBConnection connection, string baselineDb, out string? attached)
    {
        attached = null;
        var own = (string?)Sql.Row(connection, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()")[0];
        if (own is not null && string.Equals(Path.GetFullPath(own), Path.GetFullPath(baselineDb), StringComparison.Ordinal))
        {
            return "request_times";
        }

        Sql.Execute(connection, $"ATTACH {Sql.Text(baselineDb)} AS {Alias} (READ_ONLY)");
        attached = Alias;
        return Alias + ".main.request_times";
    }

    private static (ReportChart? Chart, List<ReportDistributionRow> Rows) Cdf(DuckDBConnection connection, string baselineTable, string id, string metric, string expr, string filter)
    {
        var runs = new[] { ("baseline", baselineTable, "#8a8f99"), ("current", "request_times", "#4e79a7") };
        var series = new List<ChartSeries>();
        var rows = new List<ReportDistributionRow>();
        foreach (var (run, table, color) in runs)
        {
            var (points, n) = ReportCharts.Quantiles(connection, $"SELECT {expr} AS v FROM {table} WHERE {filter}");
            if (n > 0)
            {
                series.Add(new ChartSeries(run, points, color));
                rows.Add(new ReportDistributionRow(metric, run, N(n), MarkdownLevels.Select(l => CompatibleFormat.TimeMs(points[l].X / 1000)).ToList()));
            }
        }

        if (series.Count == 0)
        {
            return (null, rows);
        }

        var chartId = "cmp-cdf-" + id;
        var title = $"{metric} CDF, baseline and current";
        var counts = string.Join(" and ", rows.Select(r => $"{r.N} ({r.Run})"));
        return (new ReportChart(chartId, title, SvgChart.Lines(chartId, title, series, metric + " (ms)", "share", step: false, yTop: 1),
            $"Share of successful requests at or below each {metric}: {counts} requests; the curves join the 1% quantiles (DuckDB quantile_cont over each run's records). A curve to the left is faster."), rows);
    }

    private static ReportChart? TaskBars(MergeSummaryDocument current, MergeSummaryDocument baseline, List<string> scopes, string metric, IReadOnlyList<string> headline)
    {
        var series = new List<ChartSeries>();
        for (var i = 0; i < headline.Count; i++)
        {
            var stat = headline[i];
            foreach (var (run, document, color) in new[] { ("baseline", baseline, Pairs[i % Pairs.Length].Baseline), ("current", current, Pairs[i % Pairs.Length].Current) })
            {
                series.Add(new ChartSeries($"{run} {stat}", PerScope(scopes, s => Ms(Find(document, s), metric, stat)), color));
            }
        }

        if (series.All(s => s.Points.Count == 0))
        {
            return null;
        }

        var id = "cmp-task-" + metric.ToLowerInvariant();
        var title = $"{metric} per task, baseline and current (ms)";
        return new ReportChart(id, title, SvgChart.HBars(id, title, scopes, series, "ms", keepLabel: name => name == current.Merged.Scope),
            "From each run's merge summaries (the figures of its tables), tasks matched by model and dataset; a task only one run ran has only that run's bars.", Wide: scopes.Count > 6);
    }

    private static ReportChart ThroughputBars(MergeSummaryDocument current, MergeSummaryDocument baseline, List<string> scopes)
    {
        var series = new[] { ("baseline", baseline, Pairs[0].Baseline), ("current", current, Pairs[0].Current) }
            .Select(r => new ChartSeries(r.Item1, PerScope(scopes, s => Throughput(Find(r.Item2, s))), r.Item3))
            .ToList();
        const string id = "cmp-task-throughput";
        const string title = "Output token throughput per task, baseline and current (token/s)";
        return new ReportChart(id, title, SvgChart.HBars(id, title, scopes, series, "token/s", keepLabel: name => name == current.Merged.Scope),
            "Output Token Throughput of each task and of the merge (stage total), from each run's merge summaries.", Wide: scopes.Count > 6);
    }

    /// <summary>One bar per scope that has a value (x: the scope's row).</summary>
    private static List<(double X, double Y)> PerScope(List<string> scopes, Func<string, double?> value) =>
        scopes.Select((s, row) => (X: (double)row, Y: value(s))).Where(p => p.Y is not null).Select(p => (p.X, p.Y!.Value)).ToList();

    private static PerfSummary? Find(MergeSummaryDocument document, string scope) =>
        scope == document.Merged.Scope ? document.Merged : document.Tasks.FirstOrDefault(t => t.Scope == scope);

    private static double? Value(PerfSummary? scope, string metric, string stat) =>
        scope?.Metrics.Where(m => m.Metric == metric && m.Stage == "total").SelectMany(m => m.Values).Where(v => v.Key == stat).Select(v => (double?)v.Value).FirstOrDefault();

    private static double? Ms(PerfSummary? scope, string metric, string stat) => Value(scope, metric, stat) * 1000;

    private static double? Throughput(PerfSummary? scope) =>
        scope?.Globals.Where(g => g.Key == "Output Token Throughput" && g.Stage == "total").Select(g => (double?)g.Value).FirstOrDefault();

    /// <summary>"baseline → current (+x.y%)"; a side the run lacks is n/a.</summary>
    private static string Cell(double? baseline, double? current)
    {
        static string V(double? v) => v is null ? "n/a" : v.Value.ToString(Math.Abs(v.Value) >= 100 ? "0.#" : "0.###", CultureInfo.InvariantCulture);
        var percent = baseline is { } a && current is { } b && a != 0 ? $" ({((b - a) / Math.Abs(a) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%)" : "";
        return $"{V(baseline)} → {V(current)}{percent}";
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The baseline's merged.duckdb, or null when the folder has none (a run copied without its database).</summary>
    public static string? Database(string baselineRunDir)
    {
        var path = Path.Combine(Path.GetFullPath(baselineRunDir), "performances", RunMerger.MergeFolder, "db_data", "merged.duckdb");
        return File.Exists(path) ? path : null;
    }
}
