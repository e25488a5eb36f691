namespace PodBench.Runtime.Engine;

/// <summary>One request of a dataset, as the workloads stage produces it and the engine sends it.</summary>
/// <param name="Id">The dataset row (the reference's <c>id</c>).</param>
/// <param name="Prompt">The prompt text, sent as the user message (chat) or as <c>prompt</c> (completions).</param>
/// <param name="MaxTokens">This row's <c>max_tokens</c>; null takes the endpoint's <c>MaxOutLen</c>.</param>
/// <param name="TimestampMs">Send time in ms from the trace start (trace replay only).</param>
/// <param name="DataId">The dataset's own id of the row, when it has one.</param>
public sealed record PromptRow(long Id, string Prompt, int? MaxTokens = null, double? TimestampMs = null, string? DataId = null);
