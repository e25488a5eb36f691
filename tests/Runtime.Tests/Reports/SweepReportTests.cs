using System;
using System.Globalization;
using System.IO;
using System.Linq;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Tests.Merge;
using Xunit;

namespace PodBench.Runtime.Tests.Reports;

/// <summary>
/// A sweep's merge and reports from records written by the pods' own writer: three levels whose TTFT jumps at the
/// third, a P99 TTFT gate. The merge names the best level and checks the run's gate there; report.html draws the
/// latency-throughput curve with the merge's values, laid out by headless Chromium; report.md tables the levels.
/// </summary>
public sealed class SweepReportTests
{
    private const long T0 = 1_764_000_000_000_000_000;
    private const long Ms = 1_000_000;

    /// <summary>Prints each sweep chart's box and its lines' points from the laid-out page into pre#probe.</summary>
    private const string Probe = """
        <script>
        (function () {
          const out = [...document.querySelectorAll('#sweep svg.chart')].map(svg => ({
            id: svg.id, width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height,
            lines: [...svg.querySelectorAll('path.line')].map(p => ({ series: p.dataset.series, points: p.dataset.points.split(' ').map(x => x.split(',').map(Number)), length: p.getTotalLength() }))
          }));
          const pre = document.createElement('pre');
          pre.id = 'probe';
          pre.textContent = JSON.stringify(out);
          document.body.appendChild(pre);
        })();
        </script>
        """;

    [Fact]
    public void The_report_draws_each_levels_latency_against_its_throughput_and_names_the_best_level()
    {
        using var run = new RunFixture();
        var levels = new (int Level, long Ttft)[] { (2, 10 * Ms), (4, 20 * Ms), (8, 300 * Ms) };
        var tasks = levels.Select(l => new FixtureTask("m", "d.c" + l.Level.ToString(CultureInfo.InvariantCulture), Enumerable.Range(0, 4 * l.Level)
            .Select(i => new FixtureRequest(T0 + i * 5 * Ms, l.Ttft + (i % 3) * Ms, 9, 4 * Ms, 100, 10)).ToList())).ToList();
        run.WritePlan([tasks], concurrency: 8, gates: [new GateDocument("TTFT", "P99", "AtMost", 100)]);
        var planPath = Path.Combine(run.RunDir, PlanDocument.FileName);
        var plan = PlanDocument.Read(planPath);
        plan = plan with
        {
            Sweep = new SweepDocument("Concurrency", [2, 4, 8], false),
            Pods = [new PodDocument(0, plan.Pods[0].Tasks.Select((t, i) => t with { Concurrency = levels[i].Level, PlanDataset = "d", Level = levels[i].Level }).ToList())],
        };
        plan.Write(planPath);
        run.WriteTasks(0, tasks, 8);

        var merged = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });

        var curve = Assert.Single(merged.Document.Sweep);
        Assert.Equal(("m", "d", "Concurrency"), (curve.Model, curve.Dataset, curve.Dimension));
        Assert.Equal([2.0, 4, 8], curve.Points.Select(p => p.Level));
        Assert.Equal([true, true, false], curve.Points.Select(p => p.Passed));
        Assert.Equal((4.0, "m/d.c4"), (curve.BestLevel, curve.BestTask));
        Assert.Contains("P99 TTFT measured 30", Assert.Single(curve.Points[2].FailedGates), StringComparison.Ordinal);
        var gate = Assert.Single(merged.Document.Gates);
        Assert.True(gate.Passed);
        Assert.StartsWith("m/d.c4: ", gate.Name, StringComparison.Ordinal);
        foreach (var point in curve.Points)
        {
            var task = merged.Document.Tasks.Single(t => t.Scope == point.Task);
            Assert.Equal(task.Globals.Single(g => g.Key == "Request Throughput" && g.Stage == "total").Value, point.RequestThroughput);
            Assert.Equal(task.Metrics.Single(m => m.Metric == "TTFT" && m.Stage == "total").Values.Single(v => v.Key == "P99").Value * 1000, point.TtftMs["P99"], 9);
        }

        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { AppendStepSummary = false });
        var md = File.ReadAllText(outcome.MarkdownPath);
        Assert.Contains("### m/d: best level: c4 (m/d.c4)", md, StringComparison.Ordinal);
        Assert.Contains("| c4 (best) |", md, StringComparison.Ordinal);
        Assert.Contains("| FAIL: P99 TTFT measured 30", md, StringComparison.Ordinal);

        var chromium = HeadlessChromium.Find();
        Assert.True(chromium is not null, "chromium is not installed: run scripts/install-test-deps.sh (apt-get install chromium) before the tests.");
        var html = File.ReadAllText(outcome.HtmlPath);
        var probe = Path.Combine(run.RunDir, "probe.html");
        File.WriteAllText(probe, ReportHtml.WithoutScript(html).Replace("</body>", Probe + "</body>", StringComparison.Ordinal));
        var (dom, _) = HeadlessChromium.Run(chromium!, Path.Combine(run.Root, "chromium-profile"), "--dump-dom", "--window-size=1280,900", new Uri(probe).AbsoluteUri);
        using var json = HeadlessChromium.Probe(dom);
        var charts = json.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(["sweep-0-e2el", "sweep-0-tpot", "sweep-0-ttft"], charts.Keys.Order(StringComparer.Ordinal));
        var ttft = charts["sweep-0-ttft"];
        Assert.True(ttft.GetProperty("width").GetDouble() > 300 && ttft.GetProperty("height").GetDouble() > 100, ttft.ToString());
        var series = ttft.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("series").GetString()!);
        Assert.Equal(["TTFT Median", "TTFT P90", "TTFT P99"], series.Keys.Order(StringComparer.Ordinal));
        var drawn = series["TTFT P99"].GetProperty("points").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        // the merge summary keeps 10 significant digits (RoundedDoubleConverter); the report draws what it reads
        Assert.Equal(curve.Points.Count, drawn.Count);
        foreach (var (point, (x, y)) in curve.Points.Zip(drawn))
        {
            Assert.Equal(point.RequestThroughput!.Value, x, 1e-6);
            Assert.Equal(point.TtftMs["P99"], y, 1e-6);
        }

        Assert.True(series["TTFT P99"].GetProperty("length").GetDouble() > 10, "the curve is not drawn");
    }
}
