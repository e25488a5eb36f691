using System.Collections.Generic;

namespace PodBench.Runtime.Merge;

/// <summary>One level of a sweep as merged over every pod: a point of the latency-throughput curve.</summary>
/// <param name="Level">The level: the concurrency limit or the request rate (requests/s).</param>
/// <param name="Task">The level's task, <c>model/dataset.c8</c>.</param>
/// <param name="Passed">True when every gate holds at this level (true when the plan has no gates).</param>
public sealed record SweepPoint(double Level, string Task, bool Passed)
{
    /// <summary>Achieved request throughput, requests/s (the task's <c>Request Throughput</c>).</summary>
    public double? RequestThroughput { get; init; }

    /// <summary>Achieved output token throughput, tokens/s (the task's <c>Output Token Throughput</c>).</summary>
    public double? OutputTokenThroughput { get; init; }

    /// <summary>TTFT in ms by statistic (the plan's statistics, e.g. <c>P99</c>).</summary>
    public IReadOnlyDictionary<string, double> TtftMs { get; init; } = new Dictionary<string, double>();

    /// <summary>TPOT in ms by statistic.</summary>
    public IReadOnlyDictionary<string, double> TpotMs { get; init; } = new Dictionary<string, double>();

    /// <summary>E2EL in ms by statistic.</summary>
    public IReadOnlyDictionary<string, double> E2elMs { get; init; } = new Dictionary<string, double>();

    /// <summary>The gates that failed at this level, each as its result's message.</summary>
    public IReadOnlyList<string> FailedGates { get; init; } = [];
}
