using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PodBench.Benchmarks.Metrics;

/// <summary>
/// Few, long iterations in process (one summary takes seconds; in process, the peak memory read from /proc is the
/// benchmark's own).
/// </summary>
public sealed class SummarizerBenchmarkConfig : ManualConfig
{
    public SummarizerBenchmarkConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(2).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true)));
    }
}
