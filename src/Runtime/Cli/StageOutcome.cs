using System.Collections.Generic;

namespace PodBench.Runtime.Cli;

/// <summary>How one stage of a pod ended (the whole run, or one sweep level).</summary>
/// <param name="Results">Every task of the stage, in the stage's order.</param>
/// <param name="MeasuredStart">The origin of the stage's measured phase, ns on the pod's UTC axis.</param>
/// <param name="AgreedStart">The instant the pods agreed at the barrier, on this pod's axis; null without a barrier.</param>
internal sealed record StageOutcome(IReadOnlyList<TaskResult> Results, long MeasuredStart, long? AgreedStart);
