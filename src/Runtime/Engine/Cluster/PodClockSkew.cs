namespace PodBench.Runtime.Cluster;

/// <summary>One pod's line of a <see cref="ClockSkewReport"/>.</summary>
/// <param name="Pod">The pod index.</param>
/// <param name="Host">Host (pod) name.</param>
/// <param name="Node">Node name, when known.</param>
/// <param name="OffsetNs">Reference minus the pod's UTC, ns.</param>
/// <param name="UncertaintyNs">Half-width of the offset's interval, ns.</param>
/// <param name="Method">How the offset was estimated.</param>
/// <param name="LateNs">How late the pod started after the barrier, ns; null when it recorded no start.</param>
/// <param name="Rerun">The recorded start was a rerun's.</param>
public sealed record PodClockSkew(int Pod, string Host, string? Node, long OffsetNs, long UncertaintyNs, string Method, long? LateNs, bool Rerun);
