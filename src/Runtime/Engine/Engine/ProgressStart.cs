using System;

namespace PodBench.Runtime.Engine;

/// <summary>What a task is about to do, for a progress display.</summary>
/// <param name="TaskName">The task's name, <c>model/dataset</c>.</param>
/// <param name="Pod">The pod index.</param>
/// <param name="PlannedRequests">Requests this pod will send; null in pressure mode.</param>
/// <param name="PressureTime">The pressure run length; null when not in pressure mode.</param>
/// <param name="Concurrency">This pod's concurrency limit.</param>
public sealed record ProgressStart(string TaskName, int Pod, int? PlannedRequests, TimeSpan? PressureTime, int Concurrency);
