namespace PodBench.Runtime.Results;

/// <summary>A request that already finished successfully in an earlier attempt of the same pod's task.</summary>
/// <param name="Id">The dataset row.</param>
/// <param name="Uuid">The request's uuid.</param>
public sealed record FinishedRequest(long Id, string Uuid);
