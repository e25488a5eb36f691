using System.Collections.Generic;

namespace PodBench.Runtime.Merge;

/// <summary>One task of a pod as its manifest records it.</summary>
/// <param name="Model">Model abbr.</param>
/// <param name="Dataset">Dataset abbr.</param>
/// <param name="Concurrency">The configured concurrency limit of this pod's share (0 when unlimited).</param>
/// <param name="Counts">Records written.</param>
/// <param name="Files">Every file of the task, with checksums.</param>
public sealed record PodTaskManifest(string Model, string Dataset, int Concurrency, PodRecordCounts Counts, IReadOnlyList<PodFileEntry> Files);
