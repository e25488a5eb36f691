using System.Diagnostics;
using System.Threading;
using BenchmarkDotNet.Attributes;
using PodBench.Runtime.Engine;

namespace PodBench.Benchmarks.Engine;

/// <summary>
/// The scheduler's pieces: building a gamma schedule, waiting to an absolute deadline (the mean above the asked
/// wait is the overshoot) and recording a lag.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class SchedulerBenchmarks
{
    private static readonly long Wait100Us = Stopwatch.Frequency / 10_000;
    private static readonly long Wait2Ms = Stopwatch.Frequency / 500;
    private readonly LagHistogram _histogram = new();
    private long _value;

    /// <summary>A Poisson schedule of 10,000 sends.</summary>
    [Benchmark]
    public double[] GammaSchedule10k() => SendSchedule.FromRate(10_000, 8000, 1.0, null, 42);

    /// <summary>Waits 100 µs (inside the spin window): the time above 100 µs is the overshoot.</summary>
    [Benchmark]
    public void PreciseWait100us() => PreciseWait.Until(Stopwatch.GetTimestamp() + Wait100Us, CancellationToken.None);

    /// <summary>Waits 2 ms (coarse sleep, then spin): the time above 2 ms is the overshoot.</summary>
    [Benchmark]
    public void PreciseWait2ms() => PreciseWait.Until(Stopwatch.GetTimestamp() + Wait2Ms, CancellationToken.None);

    /// <summary>One lag recorded into the bounded histogram.</summary>
    [Benchmark]
    public void RecordLag() => _histogram.Record((_value++ & 0xFFFFF) * 37);
}
