namespace PodBench.Runtime.Merge;

/// <summary>One scope to summarize: the merge (no model/dataset) or one task across every pod that ran it.</summary>
/// <param name="Name"><c>model/dataset</c>, or <c>merge_results/merged</c>.</param>
/// <param name="Model">The task's model abbr; null for every record.</param>
/// <param name="Dataset">The task's dataset abbr; null for every record.</param>
/// <param name="MaxConcurrency">The configured limit: the sum over the pods in the scope.</param>
internal sealed record SummaryScope(string Name, string? Model, string? Dataset, long MaxConcurrency)
{
    /// <summary>The SQL predicate selecting the scope's records (columns model_abbr, data_abbr).</summary>
    public string Filter => Model is null ? "true" : $"model_abbr = {Sql.Text(Model)} AND data_abbr = {Sql.Text(Dataset ?? "")}";
}
