namespace PodBench.Runtime.Metrics;

/// <summary>
/// One summary of a multi-scope pass: <see cref="Request"/> over the rows of the task index <see cref="Task"/>
/// (null: every row). At most one scope has a null task, and a task index appears at most once.
/// </summary>
internal sealed record SummaryScope(SummaryRequest Request, int? Task);
