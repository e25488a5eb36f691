namespace PodBench.Runtime.Engine;

/// <summary>What the engine keeps from the JSON of a response or of its streamed chunks.</summary>
internal struct ChunkFields
{
    /// <summary><c>usage.prompt_tokens</c>; -1 when no chunk carried it.</summary>
    public long PromptTokens;

    /// <summary><c>usage.completion_tokens</c>; -1 when no chunk carried it.</summary>
    public long CompletionTokens;

    /// <summary><c>usage.prompt_tokens_details.cached_tokens</c>; -1 when no chunk carried it.</summary>
    public long CachedTokens;

    /// <summary><c>x_sim_ts</c> of the last parsed chunk (the simulator's Stopwatch reading at write).</summary>
    public long ServerTimestamp;

    /// <summary>True when the last parsed chunk carried <c>x_sim_ts</c>.</summary>
    public bool HasServerTimestamp;

    /// <summary>True when a chunk was an error object (<c>"error"</c> member or <c>"object": "error"</c>).</summary>
    public bool IsError;

    /// <summary>True when a native API's chunk carried its final fields (<c>generated_text</c> or <c>details.finish_reason</c>).</summary>
    public bool Finished;

    public void Reset()
    {
        PromptTokens = -1;
        CompletionTokens = -1;
        CachedTokens = -1;
        ServerTimestamp = 0;
        HasServerTimestamp = false;
        IsError = false;
        Finished = false;
    }
}
