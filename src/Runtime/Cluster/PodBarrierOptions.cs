using System;

namespace PodBench.Runtime.Cluster;

/// <summary>Tuning of <see cref="PodBarrier"/>.</summary>
public sealed record PodBarrierOptions
{
    /// <summary>The defaults: 5 s margin, polls from 10 ms backing off to 250 ms, 5 clock probes.</summary>
    public static PodBarrierOptions Default { get; } = new();

    /// <summary>
    /// Time between the last arrival and the start. It must cover the delay until every pod sees the last file
    /// (poll interval, plus the attribute cache of NFS clients). Default 5 s.
    /// </summary>
    public TimeSpan StartMargin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The start margin of pods on one machine (MSBuild's RunBenchmark, the runner's all-pods <c>run</c>): they see
    /// each other's barrier files at once, so it covers the longest poll (<see cref="MaxPoll"/>, 250 ms) and the
    /// file writes of a busy machine (publishing an arrival was seen to take 0.5 s at load 40 on 2 cores).
    /// </summary>
    public static TimeSpan LocalStartMargin { get; } = TimeSpan.FromSeconds(1);

    /// <summary>First poll interval. Default 10 ms.</summary>
    public TimeSpan FirstPoll { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest poll interval (the back-off doubles up to it). Default 250 ms.</summary>
    public TimeSpan MaxPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Probe files written to estimate the clock offset. Default 5.</summary>
    public int ClockProbes { get; init; } = 5;

    /// <summary>The node name recorded; default the variable <c>BENCHMARK_NODE_NAME</c>.</summary>
    public string? Node { get; init; } = Environment.GetEnvironmentVariable("BENCHMARK_NODE_NAME");
}
