using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PodBench.Benchmarks.Results;

/// <summary>In process with a long timeout (a write-and-complete of 2,000 requests takes about a second), few iterations, allocations counted.</summary>
public sealed class PerRequestBenchmarkConfig : ManualConfig
{
    public PerRequestBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: false))
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(8));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
