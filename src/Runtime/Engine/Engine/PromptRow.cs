namespace PodBench.Runtime.Engine;

/// <summary>One request of a dataset, as the workloads stage produces it and the engine sends it.</summary>
/// <param name="Id">The dataset row (the reference's <c>id</c>).</param>
/// <param name="Prompt">The prompt text, sent as the user message (chat) or as <c>prompt</c> (completions).</param>
/// <param name="MaxTokens">This row's <c>max_tokens</c>; null takes the endpoint's <c>MaxOutLen</c>.</param>
/// <param name="TimestampMs">Send time in ms from the trace start (trace replay only).</param>
/// <param name="DataId">The dataset's own id of the row, when it has one.</param>
public sealed record PromptRow(long Id, string Prompt, int? MaxTokens = null, double? TimestampMs = null, string? DataId = null)
{
    /// <summary>The later turns of a multi-turn session whose first turn this row is; null for a single request.</summary>
    public Conversation? Session { get; init; }

    /// <summary>
    /// The conversation before <see cref="Prompt"/> (user message, reply, user message, reply, ...), sent as the
    /// messages before it; null for a first turn. Set by the engine for a session's later turns.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<string>? History { get; init; }

    /// <summary>
    /// This request's <c>tools</c> as the JSON text of an array (a <see cref="Dsl.FunctionCallDataset"/> row); null sends
    /// the endpoint's <see cref="Dsl.ModelEndpoint.Tools"/>.
    /// </summary>
    public string? Tools { get; init; }

    /// <summary>The turn within its session (0 for the first and for single requests): the record's <c>turn_id</c>.</summary>
    public int TurnId { get; init; }
}
