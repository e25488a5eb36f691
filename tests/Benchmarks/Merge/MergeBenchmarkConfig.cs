using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PodBench.Benchmarks.Merge;

/// <summary>
/// One launch, no warm-up, two measured merges (<c>PODBENCH_MERGE_ITERATIONS</c> to change), in process: a merge takes seconds to minutes, and the process's
/// peak resident memory (DuckDB's native memory included) is then the benchmark's own.
/// </summary>
public sealed class MergeBenchmarkConfig : ManualConfig
{
    public MergeBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(0)
            .WithIterationCount(int.TryParse(Environment.GetEnvironmentVariable("PODBENCH_MERGE_ITERATIONS"), out var n) && n > 0 ? n : 2));
    }
}
