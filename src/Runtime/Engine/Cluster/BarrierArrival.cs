using System.Text.Json.Serialization;

namespace PodBench.Runtime.Cluster;

/// <summary>One pod's announcement at the start barrier (<c>&lt;run&gt;/barrier/pod-&lt;i&gt;.json</c>).</summary>
public sealed record BarrierArrival
{
    /// <summary>The pod index.</summary>
    public required int Pod { get; init; }

    /// <summary>How many pods this pod expects; every pod of a run must agree.</summary>
    public required int PodCount { get; init; }

    /// <summary>The machine (in Kubernetes: the pod's) host name.</summary>
    public required string Host { get; init; }

    /// <summary>The node the pod runs on, when known (<c>BENCHMARK_NODE_NAME</c>).</summary>
    public string? Node { get; init; }

    /// <summary>The process id.</summary>
    public required int Pid { get; init; }

    /// <summary>A random id of this attempt (a rerun of the pod has another).</summary>
    public required string Attempt { get; init; }

    /// <summary>When the pod arrived, ns since the Unix epoch on the pod's own UTC axis.</summary>
    public required long ArrivedUtcNs { get; init; }

    /// <summary>The monotonic reading of the pod clock's anchor.</summary>
    public required long AnchorTimestamp { get; init; }

    /// <summary>The UTC time of the pod clock's anchor, ns since the Unix epoch.</summary>
    public required long AnchorUtcNs { get; init; }

    /// <summary>Monotonic ticks per second on that host.</summary>
    public required long StopwatchFrequency { get; init; }

    /// <summary>The pod's clock offset from the shared volume's clock (reference ≈ local + offset), ns.</summary>
    public required long ClockOffsetNs { get; init; }

    /// <summary>Half-width of the offset's interval, ns.</summary>
    public required long ClockUncertaintyNs { get; init; }

    /// <summary>How the offset was estimated.</summary>
    public required string ClockMethod { get; init; }

    /// <summary>The start margin this pod asked for, ns; the barrier uses the largest of all pods.</summary>
    public required long StartMarginNs { get; init; }

    /// <summary>The arrival on the reference axis (the shared volume's clock).</summary>
    [JsonIgnore]
    public long ReferenceArrivalNs => ArrivedUtcNs + ClockOffsetNs;

    /// <summary>The clock estimate as one value.</summary>
    [JsonIgnore]
    public ClockSkew ClockSkew => new(ClockOffsetNs, ClockUncertaintyNs, 0, ClockMethod);
}
