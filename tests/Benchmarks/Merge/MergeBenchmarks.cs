using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Reports;

namespace PodBench.Benchmarks.Merge;

/// <summary>
/// Merge + summarize + render of a multi-pod run of 4K-in/4K-out requests (1/10 of the 250,000-request target by default;
/// set <c>PODBENCH_MERGE_REQUESTS=250000</c> for the full size). Peak resident memory of the process is printed.
/// </summary>
[Config(typeof(MergeBenchmarkConfig))]
[MemoryDiagnoser]
public class MergeBenchmarks
{
    private string runDir = "";

    /// <summary>Requests in the run.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Requests { get; set; }

    public static IEnumerable<int> Sizes() =>
        [int.TryParse(Environment.GetEnvironmentVariable("PODBENCH_MERGE_REQUESTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 25_000];

    [GlobalSetup]
    public void Setup()
    {
        var root = Environment.GetEnvironmentVariable("PODBENCH_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "podbench-merge-bench");
        runDir = SyntheticRun.Create(root, Requests, pods: 4, tokens: 4096, concurrencyPerPod: 64);
    }

    [Benchmark]
    public int MergeAndReport()
    {
        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = runDir, MemoryLimit = "6GB", Log = Console.WriteLine });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ReportRenderer.Render(runDir, new ReportOptions { AppendStepSummary = false });
        Console.WriteLine($"// reports rendered in {clock.Elapsed.TotalSeconds:0.0} s");
        return outcome.Files.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var hwm = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        Console.WriteLine($"// PodBench merge of {Requests} requests: peak resident memory {hwm}");
    }
}
