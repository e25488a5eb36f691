using System.Collections.Generic;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// The outcome of <see cref="PodBarrier.WaitAsync(string, int, int, System.TimeSpan, Engine.PodClock, System.Threading.CancellationToken)"/>:
/// the agreed start instant, identical for every pod, and every pod's announcement.
/// </summary>
/// <param name="StartUtcNs">The common start on the reference axis (the shared volume's clock), ns since the Unix epoch.</param>
/// <param name="Arrivals">Every pod's announcement, by pod index.</param>
public sealed record BarrierResult(long StartUtcNs, IReadOnlyList<BarrierArrival> Arrivals)
{
    /// <summary>The pod this result belongs to.</summary>
    public int Pod { get; init; }

    /// <summary>The common start on this pod's own UTC axis (its <c>PodClock</c>): what it sleeps until.</summary>
    public long LocalStartUtcNs { get; init; }

    /// <summary>True when this pod had announced itself before (a rerun): its first announcement stands.</summary>
    public bool IsRerun { get; init; }
}
