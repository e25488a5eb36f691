namespace PodBench.Runtime.Metrics;

/// <summary>
/// One scope of a pooled distribution pass: the rows of task index <see cref="Task"/> (null: every row), and its
/// stable window [<see cref="First"/>, <see cref="Last"/>] in ns when stage stable is wanted.
/// </summary>
internal sealed record PooledScope(int? Task, long? First, long? Last, bool Stable);
