namespace PodBench.Runtime.Merge;

/// <summary>Records one task of a pod wrote (warm-up requests excluded).</summary>
/// <param name="Total">Successful plus failed.</param>
/// <param name="Success">Successful requests.</param>
/// <param name="Failed">Failed requests.</param>
public sealed record PodRecordCounts(long Total, long Success, long Failed);
