using System.Collections.Generic;

namespace PodBench.Runtime.Planning;

/// <summary>One pod as the source generator saw it: its index and its tasks.</summary>
public sealed record GeneratedPod(int Index, IReadOnlyList<GeneratedTask> Tasks);
