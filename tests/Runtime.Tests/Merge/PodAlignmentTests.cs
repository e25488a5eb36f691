using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Runtime.Merge;
using Xunit;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>The merge's measured windows, span, active time and staggered verdict against hand-worked runs.</summary>
public sealed class PodAlignmentTests
{
    private const long T0 = 1_767_225_600_000_000_000;
    private const long S = 1_000_000_000;

    /// <summary>A request from <paramref name="from"/> to <paramref name="to"/> seconds after T0: TTFT 0.5 s, then one gap.</summary>
    private static FixtureRequest Request(double from, double to) =>
        new(T0 + (long)(from * S), S / 2, 1, (long)(to * S) - (long)(from * S) - S / 2, 100, 10);

    private static void Publish(RunFixture run, int pod, IReadOnlyList<FixtureRequest> requests, double startedAt)
    {
        var manifest = run.WritePod(pod, requests, concurrency: 2);
        var window = new PodMeasuredWindow(T0 + (long)(startedAt * S), requests.Min(r => r.StartNs), requests.Max(r => r.TimePoints()[^1]));
        PodManifestWriter.Write(run.RunDir, manifest with { MeasuredWindow = window });
    }

    [Fact]
    public void A_pod_run_after_the_other_is_staggered_and_throughputs_over_the_active_time_count_only_the_time_some_pod_measured()
    {
        using var run = new RunFixture();
        run.WritePlan(pods: 2, concurrency: 2);
        Publish(run, 0, [Request(0, 1), Request(0.5, 2)], startedAt: 0);
        Publish(run, 1, [Request(10, 11), Request(10.5, 12)], startedAt: 9.9);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });
        var a = outcome.Document.Alignment!;

        Assert.Equal("staggered", a.Status);
        Assert.Equal(12 * S, a.SpanNs);
        Assert.Equal(4 * S, a.ActiveNs);
        Assert.Equal(8 * S, a.GapNs);
        Assert.Equal((long)(9.9 * S), a.StartSpreadNs);
        Assert.Equal([new MeasuredSpan(T0, T0 + 2 * S, 2)], a.Pods[0].Windows);
        Assert.Equal([new MeasuredSpan(T0 + 10 * S, T0 + 12 * S, 2)], a.Pods[1].Windows);

        // the compatible duration is the plain span (the reference's formula); over the active time, 4 requests in 4 s
        Assert.Equal(12_000, outcome.Merged.Globals.Single(g => g.Key == "Benchmark Duration" && g.Stage == "total").Value, 6);
        Assert.Equal(4 / 12.0, outcome.Merged.Globals.Single(g => g.Key == "Request Throughput" && g.Stage == "total").Value, 9);
        Assert.Equal(4_000, a.OverActiveTime.Single(v => v.Key == "Active Time").Value, 6);
        Assert.Equal(1.0, a.OverActiveTime.Single(v => v.Key == "Request Throughput over Active Time").Value, 9);
        Assert.Equal(40 / 4.0, a.OverActiveTime.Single(v => v.Key == "Output Token Throughput over Active Time").Value, 9);
        Assert.Contains("pod 1 began 9,900.0 ms after pod 0", a.Warning);
        Assert.Contains("for 8,000.0 ms of the 12.0 s span no pod was measuring", a.Warning);
        Assert.Contains("the request throughput was 1.0 req/s", a.Warning);
    }

    [Fact]
    public void Pods_that_began_together_are_aligned_and_their_active_time_is_the_span()
    {
        using var run = new RunFixture();
        run.WritePlan(pods: 2, concurrency: 2);
        Publish(run, 0, [Request(0.01, 1), Request(0.5, 2)], startedAt: 0);
        Publish(run, 1, [Request(0.02, 3), Request(1, 2.5)], startedAt: 0.004);

        var a = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir }).Document.Alignment!;

        Assert.Equal("aligned", a.Status);
        Assert.Null(a.Warning);
        Assert.Equal(a.SpanNs, a.ActiveNs);
        Assert.Equal(3 * S - S / 100, a.SpanNs);
        Assert.Equal(4_000_000, a.Pods[1].StartOffsetNs);
        Assert.StartsWith("pods measured together: 2 pod(s) began within 4.0 ms of each other", PodAlignment.Describe(a), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_rerun_that_added_to_an_earlier_attempt_gets_a_window_per_attempt()
    {
        using var run = new RunFixture();
        run.WritePlan(pods: 2, concurrency: 2);
        Publish(run, 0, [Request(0, 2)], startedAt: 0);

        // pod 1 finished one request with the others, died, and was rerun (reuse) an hour later for the rest
        Publish(run, 1, [Request(0.1, 1), Request(3600, 3601)], startedAt: 3599.5);

        var a = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir }).Document.Alignment!;

        Assert.Equal("staggered", a.Status);
        Assert.Equal([new MeasuredSpan(T0 + S / 10, T0 + S, 1), new MeasuredSpan(T0 + 3600 * S, T0 + 3601 * S, 1)], a.Pods[1].Windows);
        Assert.Equal(3 * S, a.ActiveNs);
        Assert.Equal(3598 * S, a.GapNs);
        Assert.Contains("pod 1 measured in 2 separate attempts", a.Warning);
    }

    [Fact]
    public void Merged_json_has_no_pod_counts_even_on_a_partial_merge()
    {
        using var run = new RunFixture();
        run.WritePlan(pods: 2, concurrency: 2);
        Publish(run, 0, [Request(0, 1)], startedAt: 0);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir, AllowPartial = true });

        Assert.DoesNotContain("Pods", File.ReadAllText(Path.Combine(outcome.OutputDirectory, "merged.json")), System.StringComparison.Ordinal);
        var summary = File.ReadAllText(Path.Combine(outcome.OutputDirectory, MergeSummaryDocument.FileName));
        Assert.Contains("\"Pods Expected\"", summary, System.StringComparison.Ordinal);
        Assert.Contains("\"Pods Merged\"", summary, System.StringComparison.Ordinal);
    }
}
