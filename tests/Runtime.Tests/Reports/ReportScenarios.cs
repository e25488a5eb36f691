using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Tests.Merge;

namespace PodBench.Runtime.Tests.Reports;

/// <summary>
/// Merged runs shaped like the plans the reports must read well: the seed demo, three pods mixing paced, unpaced and
/// trace tasks, and a plan of 100 tasks. Written with the pods' own writers and merged by the real merge.
/// </summary>
public static class ReportScenarios
{
    public const string Seed = "seed-demo";
    public const string Mixed = "three-pods-mixed";
    public const string Hundred = "hundred-tasks";

    private const long T0 = 1_767_225_600_000_000_000;
    private const long Ms = 1_000_000;

    /// <summary>
    /// Writes and merges <paramref name="scenario"/>; <paramref name="slowdown"/> scales every TTFT and gap (a baseline
    /// run of the same plan, faster or slower).
    /// </summary>
    public static MergeOutcome Write(string scenario, RunFixture run, double slowdown = 1) => scenario switch
    {
        Seed => SeedDemo(run, slowdown),
        Mixed => ThreePodsMixed(run, slowdown),
        Hundred => HundredTasks(run, slowdown),
        _ => throw new System.ArgumentException(scenario),
    };

    /// <summary>examples/MultiPod's shape: two long abbrs that differ only at their end; 10 and 20 requests, all sent at once, so nothing completes for a while.</summary>
    private static MergeOutcome SeedDemo(RunFixture run, double slowdown)
    {
        IReadOnlyList<IReadOnlyList<FixtureTask>> pods =
        [
            [new FixtureTask("demo-vllm-api-general-chat-test1", "synthetic-test1", Requests(10, 0, 25 * Ms, 100, i => 100 + 11 * i, 9 * Ms))],
            [new FixtureTask("demo-vllm-api-general-chat-test2", "synthetic-test2", Requests(20, 1, 30 * Ms, 200, i => 200 + 5 * i, 10 * Ms))],
        ];
        return Merge(run, pods, concurrency: 100, slowdown);
    }

    /// <summary>Pod 0 paced (sent within 0.5 ms of its schedule), pod 1 unpaced (no schedule), pod 2 a trace whose sends fell behind.</summary>
    private static MergeOutcome ThreePodsMixed(RunFixture run, double slowdown)
    {
        var paced = Enumerable.Range(0, 30).Select(i => new FixtureRequest(T0 + i * 40 * Ms, 20 * Ms + i * Ms, 20, 5 * Ms, 128, 21, ScheduledNs: T0 + i * 40 * Ms - (i % 5) * 100_000)).ToList();
        var unpaced = Enumerable.Range(0, 25).Select(i => new FixtureRequest(T0 + 2 * Ms + i * 20 * Ms, 40 * Ms, 30, 6 * Ms, 512, 31)).ToList();
        var trace = Enumerable.Range(0, 20).Select(i => new FixtureRequest(T0 + 5 * Ms + i * i * 3 * Ms, 15 * Ms, 10, 4 * Ms, 64 + i, 11, ScheduledNs: T0 + 5 * Ms + i * i * 3 * Ms - i * 2 * Ms)).ToList();
        IReadOnlyList<IReadOnlyList<FixtureTask>> pods =
        [
            [new FixtureTask("chat-endpoint-a", "paced-rate-20", paced)],
            [new FixtureTask("chat-endpoint-b", "closed-loop", unpaced)],
            [new FixtureTask("chat-endpoint-c", "mooncake-trace", trace)],
        ];
        return Merge(run, pods, concurrency: 8, slowdown);
    }

    /// <summary>100 tasks over 4 pods: abbrs that share a long prefix, 6 requests each.</summary>
    private static MergeOutcome HundredTasks(RunFixture run, double slowdown)
    {
        var pods = Enumerable.Range(0, 4).Select(p => (IReadOnlyList<FixtureTask>)Enumerable.Range(0, 25).Select(t =>
        {
            var task = p * 25 + t;
            var name = task.ToString("000", CultureInfo.InvariantCulture);
            return new FixtureTask("demo-vllm-api-general-chat-" + name, "synthetic-dataset-" + name, Requests(6, task, (10 + task % 17) * Ms, 100 + task, i => 50 + i, (3 + task % 5) * Ms));
        }).ToList()).ToList();
        return Merge(run, pods, concurrency: 4, slowdown);
    }

    private static List<FixtureRequest> Requests(int count, int seed, long ttft, int input, System.Func<int, int> output, long gap) =>
        Enumerable.Range(0, count).Select(i => new FixtureRequest(T0 + (seed % 3) * Ms + i * 100_000, ttft + (i * 7919 + seed) % 13 * Ms, output(i) - 1, gap, input, output(i))).ToList();

    private static MergeOutcome Merge(RunFixture run, IReadOnlyList<IReadOnlyList<FixtureTask>> pods, int concurrency, double slowdown)
    {
        pods = pods.Select(tasks => (IReadOnlyList<FixtureTask>)tasks.Select(t => t with
        {
            Requests = t.Requests.Select(r => r with { TtftNs = (long)(r.TtftNs * slowdown), GapNs = (long)(r.GapNs * slowdown) }).ToList(),
        }).ToList()).ToList();
        run.WritePlan(pods, concurrency);
        for (var p = 0; p < pods.Count; p++)
        {
            run.WriteTasks(p, pods[p], concurrency);
        }

        return RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });
    }
}
