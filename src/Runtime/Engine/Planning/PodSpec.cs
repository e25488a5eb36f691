using System.Collections.Generic;

namespace PodBench.Runtime.Planning;

/// <summary>One pod of a plan and the tasks it runs.</summary>
public sealed record PodSpec(int Index, IReadOnlyList<TaskSpec> Tasks);
