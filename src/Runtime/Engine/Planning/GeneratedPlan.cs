using System.Collections.Generic;

namespace PodBench.Runtime.Planning;

/// <summary>
/// The plan's structure as the source generator read it at compile time (pods, tasks, abbrs; never secrets).
/// Null members mean the generator could not see them in the code; the runner then relies on the plan object.
/// </summary>
/// <param name="PlanType">The plan class's full name.</param>
/// <param name="Pods">The pods and their tasks, or null when not visible at compile time.</param>
public sealed record GeneratedPlan(string PlanType, IReadOnlyList<GeneratedPod>? Pods);
