using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;

namespace PodBench.Benchmarks.Metrics;

/// <summary>
/// Issue 5 at 1/10 size: 25,000 requests x 4,096 stream events (about 102 million ITL gaps) from Parquet, summarized
/// with every statistic and both stages. The peak resident memory of the benchmark process is printed at the end.
/// </summary>
[Config(typeof(SummarizerBenchmarkConfig))]
[MemoryDiagnoser]
public class SummarizerBenchmark
{
    private RunLayout layout = null!;

    [Params(25_000)]
    public int Requests { get; set; }

    [Params(4_096)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = Path.Combine(Path.GetTempPath(), "podbench-bench", "summarizer");
        layout = SyntheticRun.Create(root, Requests, Events);
    }

    private TimeSpan cpuAtStart;

    [IterationSetup]
    public void ResetPeak()
    {
        SyntheticRun.ResetPeakRss();
        cpuAtStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>CPU time and peak memory of the iteration: on a shared, loaded machine the CPU time is the stable figure.</summary>
    [IterationCleanup]
    public void Report()
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        Console.WriteLine($"// Iteration CPU_s: {cpu.TotalSeconds:F1}, PeakRSS_MiB: {SyntheticRun.PeakRssMiB():F0}, load: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    [Benchmark]
    public PerfSummary Summarize()
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        DuckDbSettings.Apply(conn);
        RecordViews.CreateTaskView(conn, layout, "m", "d");
        return Summarizer.Summarize(conn, new SummaryRequest { Scope = "m/d", MaxConcurrency = 100 });
    }

    [GlobalCleanup]
    public void Cleanup() => Console.WriteLine($"// PeakRSS_MiB (last iteration, whole process): {SyntheticRun.PeakRssMiB():F0}");
}
