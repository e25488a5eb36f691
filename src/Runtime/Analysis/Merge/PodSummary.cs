namespace PodBench.Runtime.Merge;

/// <summary>One pod as the merge saw it (from its manifest).</summary>
/// <param name="Pod">The pod's index.</param>
/// <param name="HostName">Its machine.</param>
/// <param name="StartedUtc">ISO 8601 start.</param>
/// <param name="EndedUtc">ISO 8601 end.</param>
/// <param name="Anchor">Its clock anchor.</param>
/// <param name="Total">Records it wrote.</param>
/// <param name="Success">Successful records.</param>
/// <param name="Failed">Failed records.</param>
/// <param name="Concurrency">Sum of its tasks' concurrency limits.</param>
public sealed record PodSummary(int Pod, string HostName, string StartedUtc, string EndedUtc, PodClockAnchor Anchor, long Total, long Success, long Failed, long Concurrency)
{
    /// <summary>
    /// The largest p99 of its tasks' read delay (how long stamped events waited in the socket before the pod read them;
    /// kept out of the readings), µs; null when no event was stamped. Percentiles of different pods do not combine, so
    /// this stays per pod.
    /// </summary>
    public double? ReadDelayP99Us { get; init; }

    /// <summary>Microseconds its socket loop polled after its last event (<c>BenchmarkBusyPoll</c>); 0 when it slept.</summary>
    public long BusyPollMicroseconds { get; init; }
}
