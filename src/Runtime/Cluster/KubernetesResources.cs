namespace PodBench.Runtime.Cluster;

/// <summary>
/// Requests and limits of one container, in Kubernetes quantity syntax (<c>"2"</c>, <c>"500m"</c>, <c>"4Gi"</c>).
/// Null leaves a field out. No CPU limit by default: CFS throttling would add latency to the client's own timing.
/// </summary>
/// <param name="CpuRequest">CPU request.</param>
/// <param name="MemoryRequest">Memory request.</param>
/// <param name="CpuLimit">CPU limit (null: none).</param>
/// <param name="MemoryLimit">Memory limit.</param>
public sealed record KubernetesResources(string? CpuRequest, string? MemoryRequest, string? CpuLimit, string? MemoryLimit)
{
    /// <summary>A load-generating pod: 2 CPUs and 2 GiB requested, 4 GiB memory limit, no CPU limit.</summary>
    public static KubernetesResources Pod { get; } = new("2", "2Gi", null, "4Gi");

    /// <summary>The merge: 1 CPU and 2 GiB requested, 8 GiB memory limit (DuckDB spills past its memory limit).</summary>
    public static KubernetesResources Merge { get; } = new("1", "2Gi", null, "8Gi");
}
