using System.Collections.Generic;

namespace PodBench.Runtime.Planning;

/// <summary>One pod as written to <c>plan.json</c>.</summary>
public sealed record PodDocument(int Index, IReadOnlyList<TaskDocument> Tasks);
