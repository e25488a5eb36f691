using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DuckDB.NET.Data;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Tests.Merge;
using Xunit;
using Xunit.Abstractions;

namespace PodBench.Runtime.Tests.Reports;

/// <summary>
/// Opens the reports of the seed demo, a three-pod mixed plan and a 100-task plan in headless Chromium at 1280 and
/// 390 px and checks from the laid-out DOM: no horizontal overflow of the page, every chart present, sized to its
/// card and non-empty with the values DuckDB gives for the same records, labels that stay apart. Screenshots go to
/// TestResults/report-screenshots (CI artifacts).
/// </summary>
public sealed class ReportLayoutTests
{
    private readonly ITestOutputHelper _output;

    public ReportLayoutTests(ITestOutputHelper output) => _output = output;

    private const string Ok = "success AND readings >= 2";

    /// <summary>Runs in the page after layout and prints what it measured as JSON into a pre#probe.</summary>
    private const string Probe = """
        <script>
        (function () {
          const inScroll = e => (e.closest('.scroll') !== null && e.closest('.scroll') !== e) || e.closest('details:not([open])') !== null;
          const out = { width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, charts: [], overflowing: [], scrolledAt: [] };
          for (const e of document.querySelectorAll('body *')) {
            if (!inScroll(e) && e.getBoundingClientRect().right > window.innerWidth + 0.5) out.overflowing.push(e.tagName + '#' + e.id + '.' + e.className);
          }
          for (const s of document.querySelectorAll('.scroll')) { if (!inScroll(s) && s.scrollWidth > s.clientWidth + 1) out.scrolledAt.push(s.querySelector('table').id || s.querySelector('table').className || 'table'); }
          for (const svg of document.querySelectorAll('svg.chart')) {
            const box = svg.getBoundingClientRect(), fig = svg.closest('figure').getBoundingClientRect(), vb = svg.viewBox.baseVal;
            out.charts.push({
              id: svg.id, width: box.width, height: box.height, figureWidth: fig.width,
              bars: [...svg.querySelectorAll('rect.bar')].map(r => ({ series: r.dataset.series || '', value: +r.dataset.value, low: r.dataset.low === undefined ? null : +r.dataset.low, high: r.dataset.high === undefined ? null : +r.dataset.high, cat: r.closest('g.cat') ? r.closest('g.cat').dataset.name : '' })),
              lines: [...svg.querySelectorAll('path.line')].map(p => ({ series: p.dataset.series, points: p.dataset.points.split(' ').map(x => x.split(',').map(Number)) })),
              dots: svg.querySelectorAll('circle.dot[data-x]').length,
              legend: [...svg.querySelectorAll('.legend-item')].map(g => g.textContent),
              decode: svg.querySelectorAll('line.decode').length,
              labels: [...svg.querySelectorAll('g.cat')].map(g => { const t = g.querySelector('.cat-label'), b = t.getBBox(); return { name: g.dataset.name, text: [...t.querySelectorAll('tspan')].map(x => x.textContent).join(' '), left: b.x, right: b.x + b.width }; }),
              cut: [...svg.querySelectorAll('text')].filter(t => { const b = t.getBoundingClientRect(); return b.left < box.left - 0.5 || b.right > box.right + 0.5 || b.top < box.top - 0.5 || b.bottom > box.bottom + 0.5; }).map(t => t.textContent)
            });
          }
          // in a phone-sized frame (headless windows are at least 500 px wide) the result goes to the page around it
          const target = window.top.document;
          const pre = target.createElement('pre');
          pre.id = 'probe';
          pre.textContent = JSON.stringify(out).replace(/[<>&]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
          target.body.appendChild(pre);
        })();
        </script>
        """;

    public static TheoryData<string, int> Pages() => new()
    {
        { ReportScenarios.Seed, 1280 }, { ReportScenarios.Seed, 390 },
        { ReportScenarios.Mixed, 1280 }, { ReportScenarios.Mixed, 390 },
        { ReportScenarios.Hundred, 1280 }, { ReportScenarios.Hundred, 390 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_report_fits_the_window_and_every_chart_draws_the_databases_values(string scenario, int width)
    {
        var chromium = HeadlessChromium.Find();
        Assert.True(chromium is not null, "chromium is not installed: run scripts/install-test-deps.sh (apt-get install chromium) before the tests.");
        using var run = new RunFixture();
        using var baselineRun = new RunFixture();
        var merged = ReportScenarios.Write(scenario, run);
        var baseline = ReportScenarios.Write(scenario, baselineRun, slowdown: 0.8);
        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { BaselineRunDirectory = baselineRun.RunDir, AppendStepSummary = false });
        var html = File.ReadAllText(outcome.HtmlPath);
        // what a reader without JavaScript sees: the page with its one inline script taken out
        var withoutScript = ReportHtml.WithoutScript(html);
        var probe = Path.Combine(run.RunDir, "probe.html");
        File.WriteAllText(probe, withoutScript.Replace("</body>", Probe + "</body>", StringComparison.Ordinal));
        var profile = Path.Combine(run.Root, "chromium-profile");

        var page = Phone(run.RunDir, "probe", "probe.html", width);
        var (dom, _) = HeadlessChromium.Run(chromium!, profile, "--dump-dom", "--allow-file-access-from-files", $"--window-size={Math.Max(width, 500)},900", new Uri(page).AbsoluteUri);
        Screenshot(chromium!, profile, Phone(run.RunDir, "shot", "report.html", width), outcome.HtmlPath, scenario, width);

        using var json = HeadlessChromium.Probe(dom);
        var result = json.RootElement;

        // the page itself never scrolls sideways; a table may scroll inside its own container, but not at 1280 px
        Assert.Equal(width, result.GetProperty("width").GetInt32());
        Assert.True(result.GetProperty("scrollWidth").GetInt32() <= width, $"the page is {result.GetProperty("scrollWidth")} px wide in a {width} px window");
        Assert.Empty(result.GetProperty("overflowing").EnumerateArray().Select(e => e.GetString()));
        if (width >= 1280)
        {
            Assert.Empty(result.GetProperty("scrolledAt").EnumerateArray().Select(e => e.GetString()));
        }

        var charts = result.GetProperty("charts").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c);
        var expected = new[] { "pct-ttft", "pct-e2el", "pct-tpot", "pct-itl", "cdf-ttft", "cdf-e2el", "cdf-itl", "hist-ttft", "hist-e2el", "hist-tpot", "hist-input", "hist-output", "ttft-time", "e2el-time", "timeline", "inflight", "throughput-tokens", "throughput-requests", "pods-ttft", "pods-e2el" }
            .Concat(ComparisonIds).ToList();
        Assert.All(expected, id => Assert.True(charts.ContainsKey(id), $"{scenario}: no chart {id}; charts: {string.Join(", ", charts.Keys)}"));
        Assert.Equal(scenario == ReportScenarios.Mixed, charts.ContainsKey("client-lag"));
        foreach (var (id, chart) in charts)
        {
            // sized to its card, drawn, no text outside the chart
            Assert.True(chart.GetProperty("width").GetDouble() >= chart.GetProperty("figureWidth").GetDouble() - 12, $"{id} is narrower than its card");
            Assert.True(chart.GetProperty("height").GetDouble() > 50, $"{id} has no height");
            var marks = chart.GetProperty("bars").GetArrayLength() + chart.GetProperty("lines").GetArrayLength() + chart.GetProperty("dots").GetInt32() + chart.GetProperty("decode").GetInt32();
            Assert.True(marks > 0, $"{id} is empty");
            Assert.Empty(chart.GetProperty("cut").EnumerateArray().Select(t => id + ": " + t.GetString()));
            var legend = chart.GetProperty("legend").EnumerateArray().Select(l => l.GetString()).ToList();
            Assert.True(legend.Distinct().Count() == legend.Count, $"{id}: two legend entries read the same: {string.Join(" | ", legend)}");
            var labels = chart.GetProperty("labels").EnumerateArray().ToList();
            Assert.Equal(labels.Select(l => l.GetProperty("name").GetString()).Distinct().Count(), labels.Select(l => l.GetProperty("text").GetString()).Distinct().Count());
            Assert.All(labels, l => Assert.True(l.GetProperty("left").GetDouble() >= 0, $"{id}: label {l.GetProperty("text")} is cut at the left"));
        }

        using var db = new DuckDBConnection("Data Source=" + Path.Combine(run.RunDir, "performances", "merge_results", "db_data", "merged.duckdb") + ";ACCESS_MODE=READ_ONLY");
        db.Open();
        CheckHistograms(db, charts);
        CheckCdfs(db, charts);
        CheckThroughput(db, charts["throughput-tokens"]);
        CheckPods(db, charts["pods-e2el"]);
        using var baselineDb = new DuckDBConnection("Data Source=" + Path.Combine(baselineRun.RunDir, "performances", "merge_results", "db_data", "merged.duckdb") + ";ACCESS_MODE=READ_ONLY");
        baselineDb.Open();
        CheckComparison(db, baselineDb, charts, merged.Merged.Scope, merged.Document.Tasks.Count);
        var p99 = merged.Merged.Metrics.Single(m => m.Metric == "E2EL" && m.Stage == "total").Values.Single(v => v.Key == "P99").Value * 1000;
        var pct = charts["pct-e2el"].GetProperty("bars").EnumerateArray().Single(b => b.GetProperty("cat").GetString() == merged.Merged.Scope && b.GetProperty("series").GetString() == "P99");
        Assert.Equal(p99, pct.GetProperty("value").GetDouble(), 9);
        Assert.Equal(merged.Document.Tasks.Count + 1, charts["pct-e2el"].GetProperty("labels").GetArrayLength());
        var requests = Scalar(db, $"SELECT count(*) FROM request_times WHERE {Ok}");
        Assert.Equal((long)Math.Ceiling(requests / Math.Ceiling(requests / 400.0)), charts["timeline"].GetProperty("decode").GetInt32());
        if (charts.TryGetValue("client-lag", out var lag))
        {
            // only the scheduled requests, on a scale of ms after their schedule
            var bars = lag.GetProperty("bars").EnumerateArray().ToList();
            Assert.Equal(Scalar(db, $"SELECT count(*) FROM request_times WHERE {Ok} AND scheduled_ns > 0"), bars.Sum(b => (long)b.GetProperty("value").GetDouble()));
            Assert.True(bars[^1].GetProperty("high").GetDouble() < 1000, "the send lag axis reaches " + bars[^1].GetProperty("high"));
        }
    }

    [Fact]
    public void Report_md_of_100_tasks_stays_under_60000_characters_headline_and_warnings_first()
    {
        using var run = new RunFixture();
        using var baselineRun = new RunFixture();
        var merged = ReportScenarios.Write(ReportScenarios.Hundred, run);
        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { AppendStepSummary = false });

        var md = File.ReadAllText(outcome.MarkdownPath);
        _output.WriteLine($"report.md of 100 tasks: {md.Length:N0} characters ({new FileInfo(outcome.MarkdownPath).Length:N0} bytes); report.html {new FileInfo(outcome.HtmlPath).Length:N0} bytes");
        Assert.True(md.Length < 60_000, $"report.md has {md.Length} characters");
        Assert.Equal(100, merged.Document.Tasks.Count);
        Assert.True(md.IndexOf("requests succeeded", StringComparison.Ordinal) < md.IndexOf("## Merged metrics", StringComparison.Ordinal));
        // every task has its row in the compact table; full tables in <details> as long as they fit
        Assert.All(merged.Document.Tasks, t => Assert.Contains("| " + MarkdownText.Escape(t.Scope) + " |", md, StringComparison.Ordinal));
        var details = md.Split("<details><summary>").Length - 1;
        Assert.InRange(details, 1, 99);
        Assert.Contains($"The full tables of the other {100 - details} tasks are in report.html", md, StringComparison.Ordinal);

        // with a baseline: its comparison comes first, the merge's row first of all, and the tasks that do not fit are named as left out
        ReportScenarios.Write(ReportScenarios.Hundred, baselineRun, slowdown: 0.8);
        outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { BaselineRunDirectory = baselineRun.RunDir, AppendStepSummary = false });
        md = File.ReadAllText(outcome.MarkdownPath);
        _output.WriteLine($"with a baseline: report.md {md.Length:N0} characters; report.html {new FileInfo(outcome.HtmlPath).Length:N0} bytes");
        Assert.True(md.Length < 60_000, $"report.md has {md.Length} characters");
        Assert.Contains("| E2EL | baseline | 600 | ", md, StringComparison.Ordinal);
        var lines = md.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("| Task | TTFT Median (ms) |", StringComparison.Ordinal));
        Assert.True(header > 0, md);
        Assert.StartsWith("| " + MarkdownText.Escape(merged.Merged.Scope) + " | ", lines[header + 2], StringComparison.Ordinal);
        var compared = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Count();
        _output.WriteLine($"with a baseline: {compared} of 101 comparison rows and {md.Split("<details><summary>").Length - 2} tasks' full tables in report.md");
        Assert.InRange(compared, 2, 101);
        if (compared < 101)
        {
            Assert.Contains($"The other {101 - compared} tasks are compared in report.html.", md, StringComparison.Ordinal);
        }

        Assert.EndsWith("</html>", File.ReadAllText(outcome.HtmlPath).TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_that_fell_behind_its_schedule_is_a_banner_at_the_top_of_both_reports()
    {
        using var run = new RunFixture();
        ReportScenarios.Write(ReportScenarios.Mixed, run);
        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { AppendStepSummary = false });

        var md = File.ReadAllText(outcome.MarkdownPath);
        var banner = md.IndexOf("> **Warning**: CLIENT DID NOT KEEP UP in chat-endpoint-c/mooncake-trace: send lag P99 was", StringComparison.Ordinal);
        Assert.True(banner >= 0 && banner < md.IndexOf("requests succeeded", StringComparison.Ordinal), md);
        Assert.DoesNotContain("KEEP UP in chat-endpoint-a", md, StringComparison.Ordinal);
        var html = File.ReadAllText(outcome.HtmlPath);
        Assert.True(html.IndexOf("id=\"warnings\"", StringComparison.Ordinal) < html.IndexOf("id=\"merged\"", StringComparison.Ordinal));
        Assert.Contains("CLIENT DID NOT KEEP UP in chat-endpoint-c/mooncake-trace", html, StringComparison.Ordinal);
    }

    /// <summary>The charts a baseline run adds.</summary>
    internal static readonly string[] ComparisonIds = ["cmp-cdf-ttft", "cmp-cdf-tpot", "cmp-cdf-e2el", "cmp-task-ttft", "cmp-task-tpot", "cmp-task-e2el", "cmp-task-throughput"];

    /// <summary>
    /// The overlaid CDFs are each run's quantiles and the grouped bars each run's per-task percentiles and throughput,
    /// as the test's own DuckDB queries over each run's records give them.
    /// </summary>
    private static void CheckComparison(DuckDBConnection current, DuckDBConnection baseline, Dictionary<string, JsonElement> charts, string mergedScope, int tasks)
    {
        var runs = new[] { ("baseline", baseline), ("current", current) };
        foreach (var (metric, value, filter) in Latencies)
        {
            var lines = charts["cmp-cdf-" + metric].GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("series").GetString()!, l => l.GetProperty("points").EnumerateArray().Select(p => p[0].GetDouble()).ToList());
            Assert.Equal(["baseline", "current"], lines.Keys.Order());
            foreach (var (run, db) in runs)
            {
                Assert.Equal(101, lines[run].Count);
                foreach (var level in new[] { 0, 10, 50, 90, 99, 100 })
                {
                    Assert.Equal(Number(Scalar<object>(db, $"SELECT quantile_cont({value}, {level / 100.0}) FROM request_times WHERE {filter}")), lines[run][level], 6);
                }
            }

            // the baseline ran 0.8 times as slow: its curve lies to the left
            Assert.True(lines["baseline"][50] < lines["current"][50], $"{metric}: the baseline's median {lines["baseline"][50]} is not below the current {lines["current"][50]}");
            var bars = charts["cmp-task-" + metric].GetProperty("bars").EnumerateArray().ToList();
            Assert.Equal(4 * (tasks + 1), bars.Count);
            foreach (var (run, db) in runs)
            {
                var expected = Rows(db, $"SELECT model_abbr || '/' || data_abbr, quantile_cont({value}, 0.5), quantile_cont({value}, 0.99) FROM request_times WHERE {filter} GROUP BY ALL")
                    .Append(Rows(db, $"SELECT '{mergedScope}', quantile_cont({value}, 0.5), quantile_cont({value}, 0.99) FROM request_times WHERE {filter}")[0]);
                foreach (var row in expected)
                {
                    Assert.Equal(Number(row[1]), Bar(bars, (string)row[0], run + " Median"), 6);
                    Assert.Equal(Number(row[2]), Bar(bars, (string)row[0], run + " P99"), 6);
                }
            }
        }

        var throughput = charts["cmp-task-throughput"].GetProperty("bars").EnumerateArray().ToList();
        Assert.Equal(2 * (tasks + 1), throughput.Count);
        foreach (var (run, db) in runs)
        {
            const string rate = $"sum(output_tokens) / ((max(end_ns) - min(start_ns)) / 1e9)";
            foreach (var row in Rows(db, $"SELECT model_abbr || '/' || data_abbr, {rate} FROM request_times WHERE success GROUP BY ALL").Append(Rows(db, $"SELECT '{mergedScope}', {rate} FROM request_times WHERE success")[0]))
            {
                Assert.Equal(Number(row[1]), Bar(throughput, (string)row[0], run), 6);
            }
        }
    }

    private static readonly (string Metric, string Value, string Filter)[] Latencies =
    [
        ("ttft", "(first_ns - start_ns) / 1e6", Ok + " AND stream"),
        ("tpot", "(end_ns - first_ns) / 1e6 / (output_tokens - 1)", Ok + " AND stream AND output_tokens > 1"),
        ("e2el", "(end_ns - start_ns) / 1e6", Ok),
    ];

    private static double Bar(List<JsonElement> bars, string category, string series) =>
        bars.Single(b => b.GetProperty("cat").GetString() == category && b.GetProperty("series").GetString() == series).GetProperty("value").GetDouble();

    private static double Number(object? value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    private static void CheckHistograms(DuckDBConnection db, Dictionary<string, JsonElement> charts)
    {
        foreach (var (id, sql) in new[]
        {
            ("hist-ttft", $"SELECT (first_ns - start_ns) / 1e6 FROM request_times WHERE {Ok} AND stream"),
            ("hist-e2el", $"SELECT (end_ns - start_ns) / 1e6 FROM request_times WHERE {Ok}"),
            ("hist-tpot", $"SELECT (end_ns - first_ns) / 1e6 / (output_tokens - 1) FROM request_times WHERE {Ok} AND stream AND output_tokens > 1"),
            ("hist-input", $"SELECT input_tokens FROM request_times WHERE {Ok}"),
            ("hist-output", $"SELECT output_tokens FROM request_times WHERE {Ok}"),
        })
        {
            var values = Column(db, sql);
            var bars = charts[id].GetProperty("bars").EnumerateArray().ToList();
            Assert.Equal(values.Count, bars.Sum(b => (long)b.GetProperty("value").GetDouble()));
            for (var i = 0; i < bars.Count; i++)
            {
                var (low, high) = (bars[i].GetProperty("low").GetDouble(), bars[i].GetProperty("high").GetDouble());
                var inBin = values.Count(v => v >= low - 1e-9 && (v < high - 1e-9 || (i == bars.Count - 1 && v <= high + 1e-9)));
                Assert.True(inBin == (long)bars[i].GetProperty("value").GetDouble(), $"{id} bin {low}..{high}: DuckDB has {inBin} values, the chart {bars[i].GetProperty("value")}");
            }
        }
    }

    private static void CheckCdfs(DuckDBConnection db, Dictionary<string, JsonElement> charts)
    {
        foreach (var (id, sql) in new[]
        {
            ("cdf-ttft", $"SELECT (first_ns - start_ns) / 1e6 AS v FROM request_times WHERE {Ok} AND stream"),
            ("cdf-e2el", $"SELECT (end_ns - start_ns) / 1e6 AS v FROM request_times WHERE {Ok}"),
        })
        {
            var points = charts[id].GetProperty("lines")[0].GetProperty("points").EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
            Assert.Equal(101, points.Count);
            foreach (var level in new[] { 0, 50, 90, 99, 100 })
            {
                var q = Convert.ToDouble(Scalar<object>(db, $"SELECT quantile_cont(v, {level / 100.0}) FROM ({sql})"), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(level / 100.0, points[level].Y, 9);
                Assert.Equal(q, points[level].X, 6);
            }
        }

        var itl = charts["cdf-itl"].GetProperty("lines")[0].GetProperty("points").EnumerateArray().Select(p => p[0].GetDouble()).ToList();
        Assert.Equal(Convert.ToDouble(Scalar<object>(db, $"SELECT min(gap) FROM (SELECT unnest([time_points_ns[i + 1] - time_points_ns[i] FOR i IN range(2, len(time_points_ns))]) / 1e6 AS gap FROM requests WHERE success AND stream)"), System.Globalization.CultureInfo.InvariantCulture), itl[0], 6);
    }

    private static void CheckThroughput(DuckDBConnection db, JsonElement chart)
    {
        var all = chart.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("series").GetString() is "every pod" or "output token/s");
        var points = all.GetProperty("points").EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
        var bucket = points[1].X - points[0].X;
        Assert.Equal(0, points[0].X);
        // the rates times the bucket add up to every output token; an empty bucket is drawn at zero
        Assert.Equal(Scalar(db, $"SELECT sum(output_tokens)::BIGINT FROM request_times WHERE {Ok}"), points.SkipLast(1).Sum(p => p.Y * bucket), 3);
        var firstEnd = Scalar<object>(db, $"SELECT (min(end_ns) - min(start_ns)) / 1e9 FROM request_times WHERE {Ok}");
        if (Convert.ToDouble(firstEnd, System.Globalization.CultureInfo.InvariantCulture) > bucket)
        {
            Assert.Equal(0, points[0].Y);
        }
    }

    private static void CheckPods(DuckDBConnection db, JsonElement chart)
    {
        var bars = chart.GetProperty("bars").EnumerateArray().ToList();
        foreach (var row in Rows(db, $"SELECT pod, quantile_cont((end_ns - start_ns) / 1e6, 0.99) FROM request_times WHERE {Ok} GROUP BY pod"))
        {
            var bar = bars.Single(b => b.GetProperty("cat").GetString() == "pod " + row[0] && b.GetProperty("series").GetString() == "E2EL P99");
            Assert.Equal(Convert.ToDouble(row[1], System.Globalization.CultureInfo.InvariantCulture), bar.GetProperty("value").GetDouble(), 6);
        }
    }

    /// <summary>The page itself, or for a width under Chromium's 500 px minimum window a page holding it in a frame of that width.</summary>
    private static string Phone(string dir, string name, string page, int width)
    {
        if (width >= 500)
        {
            return Path.Combine(dir, page);
        }

        var host = Path.Combine(dir, name + "-" + width + ".html");
        File.WriteAllText(host, $"<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"{page}\" style=\"width:{width}px;height:3200px;border:0\"></iframe></body></html>");
        return host;
    }

    private static void Screenshot(string chromium, string profile, string page, string html, string scenario, int width)
    {
        var dir = Environment.GetEnvironmentVariable("PODBENCH_REPORT_SAMPLE") is { Length: > 0 } sample ? sample : Path.Combine(RepoRoot(), "TestResults", "report-screenshots");
        Directory.CreateDirectory(dir);
        HeadlessChromium.Run(chromium, profile, "--screenshot=" + Path.Combine(dir, $"{scenario}-{width}.png"), $"--window-size={Math.Max(width, 500)},{(width < 600 ? 3200 : 2400)}", "--hide-scrollbars", new Uri(page).AbsoluteUri);
        if (width >= 500)
        {
            // the comparison with the baseline, from its section on
            HeadlessChromium.Run(chromium, profile, "--screenshot=" + Path.Combine(dir, $"{scenario}-{width}-baseline.png"), $"--window-size={width},2400", "--hide-scrollbars", new Uri(page).AbsoluteUri + "#baseline");
        }
        File.Copy(html, Path.Combine(dir, $"{scenario}.html"), overwrite: true);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }

    private static long Scalar(DuckDBConnection db, string sql) => Convert.ToInt64(Scalar<object>(db, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static T Scalar<T>(DuckDBConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (T)cmd.ExecuteScalar()!;
    }

    private static List<double> Column(DuckDBConnection db, string sql) => Rows(db, sql).Select(r => Convert.ToDouble(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static List<object[]> Rows(DuckDBConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
