using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Results;
using PodBench.Runtime.Simulation;
using PodBench.Runtime.Tests.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

/// <summary>
/// A pod followed by a merge (<c>--merge-follows</c>, what RunBenchmark passes) skips its own task summary: its manifest
/// takes the counts the summary would have given, and the merge writes the task's <c>.csv</c>/<c>.json</c> exactly as
/// the pod's own summary writes them. A standalone pod still writes them itself.
/// </summary>
public sealed class MergeFollowsRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-mergefollows-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_pod_followed_by_a_merge_writes_no_summary_and_the_merge_writes_the_same_files()
    {
        // a fault rate, so the counts have failures to get right
        await using var server = await SimulatorServer.StartAsync((SimulatorOptions.Default with { BaseTtft = TimeSpan.FromMilliseconds(1), DecodePerToken = TimeSpan.FromMilliseconds(1) })
            .WithFault(SimulatorFault.Http500, 0.3));
        var dataset = new SyntheticDataset("syn") { RequestCount = 12, Input = Length.Uniform(20, 20), Output = Length.Uniform(4, 8) };

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), dataset, _dir, "r", 3, null, "--merge-follows");

        Assert.True(exit == 0, console);
        var layout = new RunLayout(Path.Combine(_dir, "r"));
        Assert.False(File.Exists(layout.CsvFile("m", "syn")), console);
        Assert.False(File.Exists(layout.JsonFile("m", "syn")));
        Assert.True(!console.Contains("] results", StringComparison.Ordinal), console);
        var manifest = PodManifest.Read(layout.PodManifest(0));
        var counts = manifest.Tasks.Single().Counts;
        var timings = manifest.Timings!;
        Assert.InRange(manifest.MeasuredWindow!.StartedUtcNs, timings.ProcessStartedUtcNs, timings.LoadEndedUtcNs!.Value);
        Assert.True(timings.CpuBeforeSeconds > 0 && timings.CpuUnderLoadSeconds >= 0 && timings.CpuAfterSeconds >= 0, manifest.ToJson());
        Assert.Equal(12, counts.Total);
        Assert.InRange(counts.Failed, 1, 11);

        var merged = RunMerger.Merge(new MergeOptions { RunDirectory = layout.Root });
        var csv = File.ReadAllText(layout.CsvFile("m", "syn"));
        var json = File.ReadAllText(layout.JsonFile("m", "syn"));
        Assert.Contains(layout.CsvFile("m", "syn"), merged.Files);
        // no RunBenchmark command above this test: the pods' own steps only
        Assert.Equal(3, merged.Document.WallTime!.Steps.Count);
        Assert.Contains("\"wall_time\"", File.ReadAllText(Path.Combine(merged.OutputDirectory, MergeSummaryDocument.FileName)), StringComparison.Ordinal);
        var report = ReportRenderer.Render(layout.Root, new ReportOptions());
        Assert.Contains("Wall time: ", File.ReadAllText(report.MarkdownPath), StringComparison.Ordinal);
        Assert.Contains("<strong>Wall time:</strong>", File.ReadAllText(report.HtmlPath), StringComparison.Ordinal);

        // what the pod's own summary gives over the same files (it rewrites them)
        var own = TaskSummaries.SummarizeTask(layout, 0, "m", "syn", new SummaryRequest { Scope = "m/syn", MaxConcurrency = 3 });
        Assert.Equal(counts, new PodRecordCounts(Global(own, "Total Requests"), Global(own, "Success Requests"), Global(own, "Failed Requests")));
        Assert.Equal(File.ReadAllText(layout.CsvFile("m", "syn")), csv);
        Assert.Equal(File.ReadAllText(layout.JsonFile("m", "syn")), json);
    }

    [Fact]
    public async Task A_standalone_pod_writes_its_summary_and_a_merge_keeps_it()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { BaseTtft = TimeSpan.FromMilliseconds(1), DecodePerToken = TimeSpan.FromMilliseconds(1) });
        var dataset = new SyntheticDataset("syn") { RequestCount = 5, Input = Length.Uniform(20, 20), Output = Length.Uniform(4, 4) };

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), dataset, _dir, "r");

        Assert.True(exit == 0, console);
        var layout = new RunLayout(Path.Combine(_dir, "r"));
        Assert.Contains("[m x syn] results", console, StringComparison.Ordinal);
        var csv = File.ReadAllText(layout.CsvFile("m", "syn"));
        Assert.StartsWith("Performance Parameters,Stage,", csv, StringComparison.Ordinal);
        Assert.Contains(PodManifest.Read(layout.PodManifest(0)).Tasks.Single().Files, f => f.Path.EndsWith("syn.csv", StringComparison.Ordinal));

        var merged = RunMerger.Merge(new MergeOptions { RunDirectory = layout.Root });
        Assert.DoesNotContain(layout.CsvFile("m", "syn"), merged.Files);
        Assert.Equal(csv, File.ReadAllText(layout.CsvFile("m", "syn")));
    }

    private static long Global(PerfSummary summary, string key) => (long)summary.Globals.Single(g => g.Key == key && g.Stage == "total").Value;
}
