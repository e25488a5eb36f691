using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// Issue 16 §1 on the seed's two-pod example: through <c>dotnet build -t:RunBenchmark</c> the pods prepare, meet at
/// the start barrier and start together; run by hand one after the other (a pod rerun later) the merge says the pods
/// are staggered, at the top of its console output and of report.md, with the gap.
/// </summary>
public sealed class PodAlignmentTests : IClassFixture<PodAlignmentTests.Runs>
{
    private readonly Runs _runs;

    public PodAlignmentTests(Runs runs) => _runs = runs;

    [Fact]
    public void The_pods_first_measured_sends_lie_within_20_ms_of_each_other()
    {
        Assert.True(_runs.AlignedExit == 0, _runs.AlignedOutput);
        var firstSends = new[] { 0, 1 }.Select(p => Window(_runs.Aligned, p).GetProperty("first_send_utc_ns").GetInt64()).ToArray();
        var spreadMs = (firstSends.Max() - firstSends.Min()) / 1e6;
        Assert.True(spreadMs <= 20, $"first measured sends {spreadMs:0.###} ms apart\n{_runs.AlignedOutput}");
        Assert.Contains("waiting at the start barrier for 2 pod(s)", _runs.AlignedOutput);
        foreach (var pod in new[] { 0, 1 })
        {
            // each pod records the agreed instant and when it began after it
            var window = Window(_runs.Aligned, pod);
            Assert.True(window.GetProperty("agreed_start_utc_ns").GetInt64() > 0);
            Assert.InRange(window.GetProperty("start_offset_ns").GetInt64(), 0, 1_000_000_000);
        }
    }

    [Fact]
    public void The_merged_Benchmark_Duration_is_within_100_ms_of_the_longest_pod_window()
    {
        Assert.True(_runs.AlignedExit == 0, _runs.AlignedOutput);
        var longestMs = new[] { 0, 1 }.Max(p =>
        {
            var w = Window(_runs.Aligned, p);
            return (w.GetProperty("last_end_utc_ns").GetInt64() - w.GetProperty("first_send_utc_ns").GetInt64()) / 1e6;
        });
        var mergedMs = DurationMs(_runs.Aligned);
        Assert.True(Math.Abs(mergedMs - longestMs) <= 100, $"merged {mergedMs} ms, longest pod window {longestMs} ms\n{_runs.AlignedOutput}");
        Assert.Contains("pods measured together: 2 pod(s) began within", _runs.AlignedOutput);
        using var summary = Summary(_runs.Aligned);
        Assert.Equal("aligned", summary.RootElement.GetProperty("alignment").GetProperty("status").GetString());
    }

    [Fact]
    public void Merged_json_keeps_the_reference_keys_only()
    {
        foreach (var run in new[] { _runs.Aligned, _runs.Staggered })
        {
            using var merged = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "performances", "merge_results", "merged.json")));
            var keys = merged.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Contains("Benchmark Duration", keys);
            Assert.DoesNotContain(keys, k => k.StartsWith("Pods", StringComparison.Ordinal));
        }

        // the pod counts live in the merge summary and the reports
        using var summary = Summary(_runs.Aligned);
        Assert.Equal(2, summary.RootElement.GetProperty("merged_pods").GetArrayLength());
        Assert.Contains("2 of 2 expected pods merged", File.ReadAllText(Path.Combine(_runs.Aligned, "report.md")));
    }

    [Fact]
    public void A_pod_run_after_the_other_is_reported_as_staggered_with_its_gap_at_the_top_of_the_console()
    {
        Assert.True(_runs.MergeExit == 0, _runs.MergeOutput);
        using var summary = Summary(_runs.Staggered);
        var alignment = summary.RootElement.GetProperty("alignment");
        Assert.Equal("staggered", alignment.GetProperty("status").GetString());
        var gap = alignment.GetProperty("gap_ns").GetInt64();
        Assert.True(gap > 0, alignment.ToString());
        Assert.Equal(alignment.GetProperty("span_ns").GetInt64() - alignment.GetProperty("active_ns").GetInt64(), gap);
        var pod1 = alignment.GetProperty("pods").EnumerateArray().Single(p => p.GetProperty("pod").GetInt32() == 1);
        Assert.True(pod1.GetProperty("start_offset_ns").GetInt64() > gap, pod1.ToString());

        // the warning comes before the merged table, and names the gap
        var warning = _runs.MergeOutput.IndexOf("warning: STAGGERED PODS", StringComparison.Ordinal);
        Assert.True(warning >= 0, _runs.MergeOutput);
        Assert.True(warning < _runs.MergeOutput.IndexOf("merge_results/merged", StringComparison.Ordinal), _runs.MergeOutput);
        var line = _runs.MergeOutput[warning..].Split('\n')[0];
        Assert.Contains("pod 1 began", line);
        Assert.Contains("no pod was measuring", line);
        Assert.Contains("Active Time", line);
    }

    [Fact]
    public void A_staggered_merge_says_so_at_the_top_of_report_md_with_the_throughput_over_the_active_time()
    {
        var report = File.ReadAllText(Path.Combine(_runs.Staggered, "report.md"));
        var warning = report.IndexOf("> **Warning**: STAGGERED PODS", StringComparison.Ordinal);
        Assert.True(warning >= 0, report);
        Assert.True(warning < report.IndexOf("## Merged metrics", StringComparison.Ordinal), report);
        Assert.Contains("| Request Throughput over Active Time |", report);
        Assert.Contains("id=\"staggered\"", File.ReadAllText(Path.Combine(_runs.Staggered, "report.html")));

        // the aligned run has no such warning
        Assert.DoesNotContain("STAGGERED", File.ReadAllText(Path.Combine(_runs.Aligned, "report.md")));
    }

    private static JsonElement Window(string run, int pod)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "pods", $"pod-{pod}.json")));
        return manifest.RootElement.GetProperty("measured_window").Clone();
    }

    private static double DurationMs(string run)
    {
        using var merged = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "performances", "merge_results", "merged.json")));
        var text = merged.RootElement.GetProperty("Benchmark Duration").GetProperty("total").GetString()!;
        return double.Parse(text[..^" ms".Length], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonDocument Summary(string run) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "performances", "merge_results", "merge_summary.json")));

    /// <summary>
    /// One RunBenchmark of the seed example (aligned), then its runner run as two pods one after the other into another
    /// run folder and merged with the runner's merge verb (staggered).
    /// </summary>
    public sealed class Runs : IDisposable
    {
        public Runs()
        {
            OutputRoot = Path.Combine(Path.GetTempPath(), "podbench-align-" + Guid.NewGuid().ToString("N")[..8]);
            Aligned = Path.Combine(OutputRoot, "aligned");
            Staggered = Path.Combine(OutputRoot, "staggered");
            (AlignedExit, AlignedOutput) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={OutputRoot}", "-p:BenchmarkRun=aligned"],
                RepoPaths.Root);
            var runner = Path.Combine(Path.GetDirectoryName(RepoPaths.MultiPodProject)!, "bin", "Debug", "net10.0", "MultiPod.dll");
            var project = Path.GetDirectoryName(RepoPaths.MultiPodProject)!;
            foreach (var pod in new[] { "0", "1" })
            {
                var (exit, output) = DotnetCli.Run([runner, "run", "--pod", pod, "--output", OutputRoot, "--run", "staggered"], project);
                Assert.True(exit == 0, output);
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }

            (MergeExit, MergeOutput) = DotnetCli.Run([runner, "merge", "--output", OutputRoot, "--run", "staggered"], project);
        }

        public string OutputRoot { get; }

        public string Aligned { get; }

        public string Staggered { get; }

        public int AlignedExit { get; }

        public string AlignedOutput { get; }

        public int MergeExit { get; }

        public string MergeOutput { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(OutputRoot, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean; the test result does not depend on it.
            }
        }
    }
}
