using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>
/// A concurrency sweep end to end: the published runner's two pods, each its own process, run levels 2 to 32 of one
/// replicated group against the simulator (MaxBatch 8: past 8 streams a request queues for a slot, so TTFT jumps), each
/// level its own stage behind its own barrier; the merge unions both pods per level, checks the P90 TTFT gate at every
/// level and names the knee.
/// </summary>
[Collection(PublishedSweepPlanCollection.Name)]
public sealed class SweepPodsTests(PublishedSweepPlan plan, ITestOutputHelper log)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async System.Threading.Tasks.Task A_two_pod_sweep_finds_the_simulators_knee_and_merges_every_level()
    {
        Assert.True(plan.Publish.ExitCode == 0, plan.Publish.Output);
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { MaxBatch = 8, DecodePerToken = TimeSpan.FromMilliseconds(10) });
        var work = plan.NewWorkDirectory();
        var output = Path.Combine(work, "outputs");
        var env = PublishedPlan.Environment(new Dictionary<string, string> { ["BENCHMARK_ENDPOINT"] = server.BaseUrl.ToString().TrimEnd('/') });
        RunningChild Pod(int pod) => RunningChild.Start(plan.Runner, ["run", "--pod", pod.ToString(CultureInfo.InvariantCulture), "--output", output, "--run", "s1", "--barrier", "--local-barrier"], work, env);
        using var pod0 = Pod(0);
        using var pod1 = Pod(1);
        foreach (var pod in new[] { pod0, pod1 })
        {
            var done = pod.WaitForExit(Long);
            Assert.True(done.ExitCode == 0, done.Output);
            Assert.Contains("sweep level c32 (5 of 5)", done.Output, StringComparison.Ordinal);
        }

        var runDir = Path.Combine(output, "s1");
        // every level after the first met behind a barrier of its own
        Assert.All(new[] { "c4", "c8", "c16", "c32" }, l => Assert.True(File.Exists(Path.Combine(runDir, "sweep", l, "barrier", "pod-1.json")), l));
        var merge = ChildProcess.Run(plan.Runner, ["merge", "--output", output, "--run", "s1"], work, Long, PublishedPlan.Environment());
        Assert.True(merge.ExitCode == 0, merge.Output);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "performances", "merge_results", "merge_summary.json")));
        var curve = Assert.Single(summary.RootElement.GetProperty("sweep").EnumerateArray().ToList());
        Assert.Equal("Concurrency", curve.GetProperty("dimension").GetString());
        var points = curve.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([2.0, 4, 8, 16, 32], points.Select(p => p.GetProperty("level").GetDouble()));
        Assert.Equal("sweep-model/sweep-data.c8", points[2].GetProperty("task").GetString());
        var report = string.Join("\n", points.Select(p => $"{p.GetProperty("level")}: passed {p.GetProperty("passed")}, P90 TTFT {p.GetProperty("ttft_ms").GetProperty("P90")} ms, {p.GetProperty("request_throughput")} req/s"));
        log.WriteLine(report + $"\nbest level {curve.GetProperty("best_level")}");
        // the model: below the knee TTFT is prefill (about 15 ms), past it a request waits about one E2EL (20 tokens x 10 ms) for a slot
        Assert.True(points[0].GetProperty("passed").GetBoolean() && !points[4].GetProperty("passed").GetBoolean(), report);
        var best = curve.GetProperty("best_level").GetDouble();
        Assert.True(best is 4 or 8 or 16, report);
        Assert.Equal("sweep-model/sweep-data.c" + best.ToString(CultureInfo.InvariantCulture), curve.GetProperty("best_task").GetString());
        Assert.True(Ttft(points[4]) > 2 * Ttft(points[2]), report);
        // the run's gate is checked at the best level, and holds
        var gate = Assert.Single(summary.RootElement.GetProperty("gates").EnumerateArray().ToList());
        Assert.True(gate.GetProperty("passed").GetBoolean(), gate.ToString());
        Assert.StartsWith(curve.GetProperty("best_task").GetString() + ": ", gate.GetProperty("message").GetString(), StringComparison.Ordinal);

        // each level is a task merged from both pods, every request once
        var tasks = summary.RootElement.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("scope").GetString()!);
        foreach (var level in new[] { 2, 4, 8, 16, 32 })
        {
            var task = tasks["sweep-model/sweep-data.c" + level.ToString(CultureInfo.InvariantCulture)];
            var total = task.GetProperty("globals").EnumerateArray().First(g => g.GetProperty("key").GetString() == "Total Requests" && g.GetProperty("stage").GetString() == "total");
            Assert.Equal(32, total.GetProperty("value").GetDouble());
        }

        var details = File.ReadLines(Path.Combine(runDir, "performances", "sweep-model", "sweep-data.c8_details.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("extra_perf_data").GetProperty("pod").GetInt32()).ToList();
        Assert.Equal(16, details.Count(p => p == 0));
        Assert.Equal(16, details.Count(p => p == 1));

        var html = File.ReadAllText(Path.Combine(runDir, "report.html"));
        Assert.Contains("<section id=\"sweep\">", html, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(runDir, "report.md"));
        Assert.Contains("## Sweep", markdown, StringComparison.Ordinal);
        Assert.Contains("best level: c" + best.ToString(CultureInfo.InvariantCulture), markdown, StringComparison.Ordinal);
    }

    private static double Ttft(JsonElement point) => point.GetProperty("ttft_ms").GetProperty("P90").GetDouble();
}
