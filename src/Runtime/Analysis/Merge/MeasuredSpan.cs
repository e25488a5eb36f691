namespace PodBench.Runtime.Merge;

/// <summary>One stretch of time a pod measured: its first successful send to its last successful completion, ns on the merged UTC axis.</summary>
/// <param name="StartNs">The first send.</param>
/// <param name="EndNs">The last completion.</param>
/// <param name="Requests">Successful requests in it.</param>
public sealed record MeasuredSpan(long StartNs, long EndNs, long Requests)
{
    /// <summary>Its length, ns.</summary>
    public long DurationNs => EndNs - StartNs;
}
