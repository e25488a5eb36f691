using System.Collections.Generic;

namespace PodBench.Runtime.Merge;

/// <summary>What checking a run's pods found.</summary>
/// <param name="Expected">The pods the plan expects.</param>
/// <param name="Complete">Manifests of the pods whose every file checked out, in pod order.</param>
/// <param name="Problems">Every problem, one sentence each, in pod order.</param>
/// <param name="PlanHash">The plan hash the pods were checked against (empty when unknown).</param>
public sealed record PodVerification(IReadOnlyList<int> Expected, IReadOnlyList<PodManifest> Complete, IReadOnlyList<string> Problems, string PlanHash);
