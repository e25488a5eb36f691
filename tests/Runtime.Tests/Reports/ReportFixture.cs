using System.Linq;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Tests.Merge;

namespace PodBench.Runtime.Tests.Reports;

/// <summary>Merged runs for the report tests: two skewed pods, a failure whose text and an output that hold markup.</summary>
public static class ReportFixture
{
    public const string Evil = "<script>alert('x')</script> | pipe";

    private const long T0 = 1_767_225_600_000_000_000;

    public static MergeOutcome MergedRun(RunFixture run, double slowdown = 1, bool scheduled = false, LagSummary? readDelay = null, long busyPoll = 0)
    {
        var fast = Enumerable.Range(0, 40)
            .Select(i => new FixtureRequest(T0 + i * 25_000_000L, (long)((10_000_000 + i * 700_000L) * slowdown), 15, (long)(2_000_000 * slowdown), 100 + i, 16, Prediction: i == 39 ? Evil : "fine", ScheduledNs: scheduled ? T0 + i * 25_000_000L - 1_000_000L * (i % 7) : 0))
            .ToList();
        var slow = Enumerable.Range(0, 12)
            .Select(i => new FixtureRequest(T0 + 5_000_000 + i * 80_000_000L, (long)((300_000_000 + i * 20_000_000L) * slowdown), 30, (long)(20_000_000 * slowdown), 1000, 31, Prediction: Evil))
            .Append(new FixtureRequest(0, 0, 0, 0, 5, 0, Success: false, Error: Evil))
            .ToList();
        run.WritePlan(pods: 2, concurrency: 4, gates: [new GateDocument("TTFT", "P99", "AtMost", 100), new GateDocument("E2EL", "Median", "AtMost", 10_000)]);
        run.WritePod(0, fast, concurrency: 4, readDelay: readDelay, busyPoll: busyPoll);
        run.WritePod(1, slow, concurrency: 4);
        return RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });
    }
}
