using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using PodBench.Dsl;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

/// <summary>
/// A sweep that searches (<c>UntilGatesFail</c>) on one pod, with the runner's <c>run</c> and <c>merge</c> verbs against
/// the simulator over loopback: the pod checks the gate after each level from the level's records, stops after the
/// first level that fails it, and the merge accepts the pod without the levels the search did not reach.
/// </summary>
public sealed class SweepSearchRunTests
{
    [Fact]
    public async System.Threading.Tasks.Task A_search_stops_after_the_first_level_that_fails_its_gates()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { MaxBatch = 4, DecodePerToken = TimeSpan.FromMilliseconds(10) });
        var folder = Path.Combine(Path.GetTempPath(), "podbench-sweep-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var plan = new SearchPlan(server.BaseUrl.ToString());
            var generated = new GeneratedPlan(typeof(SearchPlan).FullName!, null);
            var output = new StringWriter();
            var exit = RunnerMain.Dispatch(plan, generated, RunnerArguments.Parse(["run", "--pod", "0", "--output", folder, "--run", "search"]), output, CancellationToken.None);
            var console = output.ToString();
            Assert.True(exit == 0, console);

            Assert.Contains("sweep m/d.c2: every gate holds; the next level runs", console, StringComparison.Ordinal);
            Assert.Contains("sweep m/d.c16: P90 TTFT measured", console, StringComparison.Ordinal);
            Assert.Contains("the search stops here for this task", console, StringComparison.Ordinal);
            var model = Path.Combine(folder, "search", "performances", "m");
            Assert.False(File.Exists(Path.Combine(model, "d.c32_details.jsonl")), console);
            var ran = Directory.GetFiles(model, "d.c*_details.jsonl").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

            var merged = new StringWriter();
            var mergeExit = RunnerMain.Dispatch(plan, generated, RunnerArguments.Parse(["merge", "--output", folder, "--run", "search"]), merged, CancellationToken.None);
            Assert.True(mergeExit == 0, merged.ToString());
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "search", "performances", "merge_results", "merge_summary.json")));
            var curve = Assert.Single(summary.RootElement.GetProperty("sweep").EnumerateArray().ToList());
            var points = curve.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(ran.Count, points.Count);
            Assert.False(points[^1].GetProperty("passed").GetBoolean());
            Assert.All(points.SkipLast(1), p => Assert.True(p.GetProperty("passed").GetBoolean(), p.ToString()));
            Assert.Equal(points[^2].GetProperty("level").GetDouble(), curve.GetProperty("best_level").GetDouble());
            Assert.Contains(32.0, curve.GetProperty("not_run").EnumerateArray().Select(l => l.GetDouble()));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private sealed class SearchPlan(string url) : BenchmarkPlan
    {
        public override IReadOnlyList<ModelEndpoint> Models =>
            [ModelEndpoint.StreamChat("m") with { Url = url, Model = "qwen", ApiKey = ApiKey.None, Generation = GenerationArgs.Empty.WithIgnoreEos() }];

        public override IReadOnlyList<Dataset> Datasets => [new SyntheticDataset("d") { RequestCount = 32, Input = Length.Uniform(10, 10), Output = Length.Uniform(20, 20) }];

        public override Sweep? Sweep => Sweep.Concurrency(2, 16, 32).UntilGatesFail();

        public override SummaryOptions Summary => SummaryOptions.Default.WithGates(SloGate.AtMost(PerfMetric.TTFT, Statistic.P90, 100));
    }
}
