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
    /// Pods on one machine (MSBuild's RunBenchmark, the runner's all-pods <c>run</c>, <c>--local-barrier</c>): they read
    /// one clock, so no offset is estimated (file stamps would put their starts a few ms apart), and they see each
    /// other's files at once, so a 1 s margin covers the longest poll (<see cref="MaxPoll"/>) and the file writes of a
    /// busy machine (publishing an arrival took 0.5 s at load 40 on 2 cores).
    /// </summary>
    public static PodBarrierOptions Local { get; } = new() { StartMargin = TimeSpan.FromSeconds(1), ClockProbes = 0 };

    /// <summary>First poll interval. Default 10 ms.</summary>
    public TimeSpan FirstPoll { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest poll interval (the back-off doubles up to it). Default 250 ms.</summary>
    public TimeSpan MaxPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Probe files written to estimate the clock offset; 0 when every pod reads one clock (offset 0). Default 5.</summary>
    public int ClockProbes { get; init; } = 5;

    /// <summary>The node name recorded; default the variable <c>BENCHMARK_NODE_NAME</c>.</summary>
    public string? Node { get; init; } = Environment.GetEnvironmentVariable("BENCHMARK_NODE_NAME");
}
