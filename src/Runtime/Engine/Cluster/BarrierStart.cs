namespace PodBench.Runtime.Cluster;

/// <summary>When one pod actually started after the barrier (<c>barrier/started-pod-&lt;i&gt;.json</c>).</summary>
/// <param name="Pod">The pod index.</param>
/// <param name="StartUtcNs">The agreed start on the reference axis.</param>
/// <param name="TargetUtcNs">The agreed start on the pod's own axis.</param>
/// <param name="StartedUtcNs">When the pod started, on its own axis.</param>
/// <param name="LateNs">Started minus target.</param>
/// <param name="Rerun">A rerun of the pod (the start had passed long before).</param>
public sealed record BarrierStart(int Pod, long StartUtcNs, long TargetUtcNs, long StartedUtcNs, long LateNs, bool Rerun);
