using System;
using System.IO;
using System.Linq;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Tests.Merge;
using Xunit;

namespace PodBench.Runtime.Tests.Reports;

public sealed class ReportRendererTests
{
    [Fact]
    public void HtmlIsSelfContainedAndEscapesUserText()
    {
        using var run = new RunFixture();
        ReportFixture.MergedRun(run, scheduled: true);

        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { AppendStepSummary = false });

        var html = File.ReadAllText(outcome.HtmlPath);
        ReportHtml.WithoutScript(html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        foreach (var id in new[] { "pct-ttft", "pct-e2el", "hist-ttft", "hist-e2el", "timeline", "inflight", "throughput-tokens", "throughput-requests", "pods-ttft", "pods-e2el", "cdf-ttft", "cdf-e2el", "cdf-itl", "hist-tpot", "hist-input", "hist-output", "ttft-time", "e2el-time", "client-lag" })
        {
            Assert.Contains($"<svg id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(52, html.Split("class=\"ttft\"").Length - 1);
        Assert.Contains("P99 TTFT &lt;= 100 ms", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownHasTablesGatesAndEscapedText()
    {
        using var run = new RunFixture();
        var merged = ReportFixture.MergedRun(run);

        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { AppendStepSummary = false });

        var md = File.ReadAllText(outcome.MarkdownPath);
        Assert.DoesNotContain("<script", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt; \\| pipe", md, StringComparison.Ordinal);
        Assert.Contains("## SLO gates: 1 FAIL", md, StringComparison.Ordinal);
        Assert.Contains("| P99 TTFT &lt;= 100 ms | **FAIL** | P99 TTFT measured ", md, StringComparison.Ordinal);
        var lines = md.Split('\n');
        var header = Array.IndexOf(lines, "| Metric | Average | Min | Max | Median | P75 | P90 | P99 | N |");
        Assert.True(header > 0, md);
        Assert.Equal("|---|---|---|---|---|---|---|---|---|", lines[header + 1]);
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal(merged.Merged.Metrics.Count + merged.Merged.ContentMetrics.Count, rows.Count);
        Assert.Contains(rows, r => r.StartsWith("| ITL (content) | ", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal(10, r.Count(c => c == '|')));
        var ttft = merged.Merged.Metrics.Single(m => m.Metric == "TTFT" && m.Stage == "total");
        Assert.Contains($"| TTFT | {string.Join(" | ", ttft.Values.Select(v => PodBench.Runtime.Metrics.CompatibleFormat.TimeMs(v.Value).Replace(" ms", "", StringComparison.Ordinal)))}", md.Replace(" ms", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("| 0 | host-a | 40 | 40 | 0 | 4 |", md, StringComparison.Ordinal);
        Assert.Contains("No client lag figures", md, StringComparison.Ordinal);
        Assert.Contains("Socket loop: every pod slept between events (BenchmarkBusyPoll).", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_pod_row_shows_its_read_delay_and_the_report_says_how_each_socket_loop_waited()
    {
        using var run = new RunFixture();
        var merged = ReportFixture.MergedRun(run, readDelay: new LagSummary(100, 40, 900, 2500, 7000), busyPoll: 20_000);

        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { AppendStepSummary = false });

        Assert.Equal(2500, merged.Document.Pods.Single(p => p.Pod == 0).ReadDelayP99Us);
        Assert.Null(merged.Document.Pods.Single(p => p.Pod == 1).ReadDelayP99Us);
        var md = File.ReadAllLines(outcome.MarkdownPath);
        Assert.EndsWith($"| {PodBench.Runtime.Metrics.CompatibleFormat.TimeMs(0.0025)} |", md.Single(l => l.StartsWith("| 0 | host-a |", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("| n/a |", md.Single(l => l.StartsWith("| 1 | host-a |", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains($"<td>{PodBench.Runtime.Metrics.CompatibleFormat.TimeMs(0.0025)}</td>", File.ReadAllText(outcome.HtmlPath), StringComparison.Ordinal);
        Assert.Contains("Socket loop: pod(s) 1 slept between events; pod(s) 0 polled for up to 20000 µs after each event (BenchmarkBusyPoll).", md.Single(l => l.Contains("Socket loop", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void BaselineComparisonMarksRegressions()
    {
        using var baseline = new RunFixture();
        using var current = new RunFixture();
        ReportFixture.MergedRun(baseline);
        ReportFixture.MergedRun(current, slowdown: 1.5);

        var outcome = ReportRenderer.Render(current.RunDir, new ReportOptions { BaselineRunDirectory = baseline.RunDir, AppendStepSummary = false });

        var comparison = outcome.Comparison!;
        var p99 = comparison.Rows.Single(r => r.Metric == "TTFT" && r.Statistic == "P99");
        Assert.True(p99.Regression);
        Assert.Equal(50, p99.DeltaPercent!.Value, 6);
        Assert.False(comparison.Rows.Single(r => r.Metric == "InputTokens" && r.Statistic == "Average").Regression);
        Assert.True(comparison.Rows.Single(r => r.Metric == "Request Throughput").Regression);
        var md = File.ReadAllText(outcome.MarkdownPath);
        Assert.Contains("| P99 TTFT |", md, StringComparison.Ordinal);
        Assert.Contains("| +50.0% | **regression** |", md, StringComparison.Ordinal);
        Assert.Contains("regressions (threshold 5%)", md, StringComparison.Ordinal);
        var html = File.ReadAllText(outcome.HtmlPath);
        Assert.Contains("class=\"regression\"", html, StringComparison.Ordinal);

        // the two runs drawn together: each CDF has both runs' curves, each task both runs' bars
        foreach (var id in ReportLayoutTests.ComparisonIds)
        {
            Assert.Contains($"<svg id=\"{id}\"", html, StringComparison.Ordinal);
        }

        var section = html[html.IndexOf("<section id=\"baseline\">", StringComparison.Ordinal)..];
        Assert.Contains("<path class=\"line\" data-series=\"baseline\"", section, StringComparison.Ordinal);
        Assert.Contains("<path class=\"line\" data-series=\"current\"", section, StringComparison.Ordinal);
        // report.md: the CDFs at a few levels for both runs, and one row per task with both runs' figures
        var lines = md.Split('\n');
        foreach (var metric in new[] { "TTFT", "TPOT", "E2EL" })
        {
            Assert.Single(lines, l => l.StartsWith($"| {metric} | baseline | 52 | ", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith($"| {metric} | current | 52 | ", StringComparison.Ordinal));
        }

        // the compact per-task table has its own m0/ds row: the comparison's is the one with arrows
        var taskRow = lines.Single(l => l.StartsWith("| m0/ds | ", StringComparison.Ordinal) && l.Contains(" → ", StringComparison.Ordinal));
        Assert.Contains("(+50.0%)", taskRow, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "has no merged.duckdb")]
    [InlineData(true, "could not be read")]
    public void A_baseline_database_that_is_missing_or_unreadable_is_named_and_the_per_task_bars_remain(bool garbage, string note)
    {
        using var baseline = new RunFixture();
        using var current = new RunFixture();
        ReportFixture.MergedRun(baseline);
        ReportFixture.MergedRun(current, slowdown: 1.5);
        var db = Path.Combine(baseline.RunDir, "performances", "merge_results", "db_data", "merged.duckdb");
        File.Delete(db);
        if (garbage)
        {
            File.WriteAllText(db, "not a database");
        }

        var outcome = ReportRenderer.Render(current.RunDir, new ReportOptions { BaselineRunDirectory = baseline.RunDir, AppendStepSummary = false });

        var html = File.ReadAllText(outcome.HtmlPath);
        Assert.Contains("<svg id=\"cmp-task-ttft\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg id=\"cmp-cdf-", html, StringComparison.Ordinal);
        Assert.Contains(note, File.ReadAllText(outcome.MarkdownPath), StringComparison.Ordinal);
        Assert.Contains(note, html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_compared_with_itself_draws_one_curve_twice()
    {
        using var run = new RunFixture();
        ReportFixture.MergedRun(run);

        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { BaselineRunDirectory = run.RunDir, AppendStepSummary = false });

        var html = File.ReadAllText(outcome.HtmlPath);
        var chart = html[html.IndexOf("<svg id=\"cmp-cdf-e2el\"", StringComparison.Ordinal)..];
        chart = chart[..chart.IndexOf("</svg>", StringComparison.Ordinal)];
        string Points(string series)
        {
            var start = chart.IndexOf($"data-series=\"{series}\" data-points=\"", StringComparison.Ordinal);
            Assert.True(start >= 0, series);
            start = chart.IndexOf("data-points=\"", start, StringComparison.Ordinal) + "data-points=\"".Length;
            return chart[start..chart.IndexOf('"', start)];
        }

        Assert.Equal(101, Points("current").Split(' ').Length);
        Assert.Equal(Points("current"), Points("baseline"));
        Assert.Contains(": no regression (threshold 5%)", File.ReadAllText(outcome.MarkdownPath).Split("## Against baseline")[1].Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void StepSummaryGetsTheMarkdownAppended()
    {
        using var run = new RunFixture();
        ReportFixture.MergedRun(run);
        var summary = Path.Combine(run.Root, "step-summary.md");
        File.WriteAllText(summary, "before\n");
        var previous = Environment.GetEnvironmentVariable(StepSummary.Variable);
        Environment.SetEnvironmentVariable(StepSummary.Variable, summary);
        try
        {
            var outcome = ReportRenderer.Render(run.RunDir);
            Assert.Equal(summary, outcome.StepSummaryPath);
            Assert.Equal("before\n" + File.ReadAllText(outcome.MarkdownPath), File.ReadAllText(summary));
        }
        finally
        {
            Environment.SetEnvironmentVariable(StepSummary.Variable, previous);
        }
    }
}
