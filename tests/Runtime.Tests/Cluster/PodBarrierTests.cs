using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

public sealed class PodBarrierTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private static readonly PodBarrierOptions Fast = new() { StartMargin = TimeSpan.FromMilliseconds(300), ClockProbes = 3, Node = "test-node" };

    private readonly string _run = Path.Combine(Path.GetTempPath(), "podbench-barrier-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_run))
        {
            Directory.Delete(_run, recursive: true);
        }
    }

    private Task<BarrierResult> Arrive(int pod, int pods, int delayMs, PodClock clock, TimeSpan timeout) => Task.Run(async () =>
    {
        await Task.Delay(delayMs);
        return await PodBarrier.WaitAsync(_run, pod, pods, timeout, clock, Fast, CancellationToken.None);
    });

    [Fact]
    public async Task Staggered_pods_with_skewed_clocks_agree_on_one_start()
    {
        // Pod 1's wall clock is 2 s ahead, pod 3's 3 s behind: the start on the reference axis is still one instant.
        var clocks = new[] { 0L, 2_000_000_000, 0, -3_000_000_000 }.Select(ClockSkewEstimatorTests.Skewed).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Arrive(i, 4, i * 150, clocks[i], Generous)));

        var start = results[0].StartUtcNs;
        Assert.All(results, r => Assert.Equal(start, r.StartUtcNs));
        Assert.All(results, r => Assert.Equal(results[0].Arrivals.Select(a => a.Attempt), r.Arrivals.Select(a => a.Attempt)));
        Assert.Equal([0, 1, 2, 3], results.Select(r => r.Pod));
        Assert.All(results, r => Assert.False(r.IsRerun));

        var arrivals = results[0].Arrivals;
        Assert.True(start >= arrivals.Max(a => a.ReferenceArrivalNs) + 300_000_000);
        Assert.Equal(0, start % 1_000_000);

        // Each pod sleeps until the start on its own axis: pod 1's reads 2 s later, pod 3's 3 s earlier.
        long Slack(int i, int j) => arrivals[i].ClockUncertaintyNs + arrivals[j].ClockUncertaintyNs + 2_000_000;
        Assert.InRange(results[1].LocalStartUtcNs - results[0].LocalStartUtcNs, 2_000_000_000 - Slack(0, 1), 2_000_000_000 + Slack(0, 1));
        Assert.InRange(results[3].LocalStartUtcNs - results[0].LocalStartUtcNs, -3_000_000_000 - Slack(0, 3), -3_000_000_000 + Slack(0, 3));

        var lates = await Task.WhenAll(results.Select((r, i) => PodBarrier.StartAsync(_run, r, clocks[i], CancellationToken.None)));
        Assert.All(lates, late => Assert.True(late >= 0));

        var report = ClockSkewReport.FromBarrier(_run, 4);
        Assert.Equal(4, report.Pods.Count);
        Assert.Empty(report.MissingPods);
        Assert.Equal(start, report.StartUtcNs);
        Assert.True(report.SkewBoundNs >= 5_000_000_000 - Slack(1, 3), $"bound {report.SkewBoundNs}");
        Assert.True(report.CorrectedBoundNs < report.SkewBoundNs);
        Assert.All(report.Pods, p => Assert.NotNull(p.LateNs));
        // A clock ahead of the reference has a negative offset (reference = local + offset).
        Assert.Contains("pod 1 (test-node) -", report.Describe(), StringComparison.Ordinal);
        Assert.Contains("pod 3 (test-node) +", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_that_never_arrives_is_named()
    {
        var waiting = new[] { Arrive(0, 4, 0, PodClock.Process, TimeSpan.FromSeconds(1.5)), Arrive(2, 4, 0, PodClock.Process, TimeSpan.FromSeconds(1.5)) };
        foreach (var task in waiting)
        {
            var error = await Assert.ThrowsAsync<PodBarrierTimeoutException>(() => task);
            Assert.Equal([1, 3], error.MissingPods);
            Assert.StartsWith("pods 1, 3 never arrived within 1.5 s", error.Message, StringComparison.Ordinal);
        }

        var report = ClockSkewReport.FromBarrier(_run, 4);
        Assert.Equal([1, 3], report.MissingPods);
        Assert.Null(report.StartUtcNs);
        Assert.Contains("pod(s) 1, 3", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rerun_keeps_the_first_announcement_and_the_start()
    {
        var first = await Task.WhenAll(Arrive(0, 2, 0, PodClock.Process, Generous), Arrive(1, 2, 50, PodClock.Process, Generous));
        var before = File.ReadAllText(PodBarrier.ArrivalPath(_run, 1));

        var rerun = await PodBarrier.WaitAsync(_run, 1, 2, Generous, ClockSkewEstimatorTests.Skewed(1_000_000_000), Fast, CancellationToken.None);

        Assert.True(rerun.IsRerun);
        Assert.Equal(first[0].StartUtcNs, rerun.StartUtcNs);
        Assert.Equal(before, File.ReadAllText(PodBarrier.ArrivalPath(_run, 1)));
        var late = await PodBarrier.StartAsync(_run, rerun, PodClock.Process, CancellationToken.None);
        Assert.True(late > 0);
        Assert.True(PodBarrier.ReadStart(_run, 1)!.Rerun);
    }

    [Fact]
    public async Task Pods_of_different_plans_in_one_run_are_refused()
    {
        await Assert.ThrowsAsync<PodBarrierTimeoutException>(() => Arrive(0, 2, 0, PodClock.Process, TimeSpan.FromMilliseconds(200)));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Arrive(1, 3, 0, PodClock.Process, Generous));
        Assert.Contains("pod-0.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("same plan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_is_the_latest_reference_arrival_plus_the_largest_margin_rounded_up_to_a_millisecond()
    {
        static BarrierArrival A(int pod, long arrived, long offset, long margin) => new()
        {
            Pod = pod,
            PodCount = 2,
            Host = "h",
            Pid = 1,
            Attempt = "a",
            ArrivedUtcNs = arrived,
            AnchorTimestamp = 0,
            AnchorUtcNs = 0,
            StopwatchFrequency = 1,
            ClockOffsetNs = offset,
            ClockUncertaintyNs = 0,
            ClockMethod = "m",
            StartMarginNs = margin,
        };

        // Pod 1 arrived at 1.5 s on its clock, which is 0.5 s behind the reference: 2.0000001 s on the reference;
        // plus the larger margin (1 s) is 3.0000001 s, rounded up to 3.001 s.
        var start = PodBarrier.StartOf([A(0, 1_900_000_000, 0, 1_000_000_000), A(1, 1_500_000_000, 500_000_100, 500_000_000)]);
        Assert.Equal(3_001_000_000, start);
    }

    [Fact]
    public async Task Sleeping_until_an_instant_never_returns_before_it()
    {
        var clock = PodClock.Process;
        var target = clock.NowUtcNs() + 30_000_000;
        var late = await PodBarrier.SleepUntilUtcAsync(target, clock, CancellationToken.None);
        Assert.True(clock.NowUtcNs() >= target);
        Assert.True(late >= 0);

        var past = clock.NowUtcNs() - 1_000_000_000;
        Assert.True(await PodBarrier.SleepUntilUtcAsync(past, clock, CancellationToken.None) >= 1_000_000_000);
    }

    [Fact]
    public async Task Barrier_files_hold_the_clock_anchor_and_offset()
    {
        await Task.WhenAll(Arrive(0, 1, 0, PodClock.Process, Generous));
        using var doc = JsonDocument.Parse(File.ReadAllText(PodBarrier.ArrivalPath(_run, 0)));
        foreach (var field in new[] { "host", "pid", "arrived_utc_ns", "anchor_timestamp", "anchor_utc_ns", "clock_offset_ns", "clock_uncertainty_ns", "node" })
        {
            Assert.True(doc.RootElement.TryGetProperty(field, out _), field);
        }

        Assert.Equal(PodClock.Process.AnchorUtcNs, doc.RootElement.GetProperty("anchor_utc_ns").GetInt64());
        Assert.Empty(Directory.GetFiles(Path.Combine(_run, PodBarrier.FolderName), "*.tmp"));
    }

    [Fact]
    public void No_barrier_folder_means_unknown_skew()
    {
        var report = ClockSkewReport.FromBarrier(_run);
        Assert.Empty(report.Pods);
        Assert.Contains("unknown", report.Describe(), StringComparison.Ordinal);
    }
}
