namespace PodBench.Runtime.Workloads;

/// <summary>One usable entry of a prompt file, before the length filters and the draw.</summary>
/// <param name="Line">The 1-based line the entry starts on.</param>
/// <param name="Prompt">The text sent.</param>
/// <param name="Completion">The reference answer whose length is the output length (ShareGPT), or null.</param>
/// <param name="OutputLen">The output length the file gives (<c>output_len</c>), or null.</param>
/// <param name="DataId">The file's own id of the entry, when it has one.</param>
internal sealed record PromptFileEntry(int Line, string Prompt, string? Completion, int? OutputLen, string? DataId)
{
    /// <summary>
    /// The later turns of the conversation, in order: ShareGPT's (human, model) pairs, MT-Bench's user messages without
    /// an answer (null: the endpoint's <c>MaxOutLen</c>); empty when it has none.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<(string Prompt, string? Completion)> LaterTurns { get; init; } = [];

    /// <summary>A function-call entry's own tools (the JSON text of an OpenAI <c>tools</c> array); null otherwise.</summary>
    public string? Tools { get; init; }
}
