namespace PodBench.Runtime.Simulation;

/// <summary>What the simulator needs of a <c>/v1/chat/completions</c> or <c>/v1/completions</c> body, or of a native API's.</summary>
internal sealed record GenerationRequest
{
    /// <summary>True for chat completions, false for text completions.</summary>
    public bool IsChat { get; init; }

    /// <summary>The requested model; null when the body names none (the served model is used).</summary>
    public string? Model { get; init; }

    /// <summary><c>stream</c>.</summary>
    public bool Stream { get; init; }

    /// <summary><c>stream_options.include_usage</c>.</summary>
    public bool IncludeUsage { get; init; }

    /// <summary><c>max_completion_tokens</c> or <c>max_tokens</c>; null when absent.</summary>
    public int? MaxTokens { get; init; }

    /// <summary><c>min_tokens</c> (vLLM); 0 when absent.</summary>
    public int MinTokens { get; init; }

    /// <summary><c>ignore_eos</c> (vLLM).</summary>
    public bool IgnoreEos { get; init; }

    /// <summary>The prompt's token count as the simulator counts it (see <see cref="PromptTokenCounter"/>).</summary>
    public int PromptTokens { get; init; }

    /// <summary>Chat: the number of messages sent (a multi-turn request carries its history); 0 for completions.</summary>
    public int Messages { get; init; }

    /// <summary>Chat: the number of <c>tools</c> offered.</summary>
    public int Tools { get; init; }

    /// <summary>The function the answer calls (in <c>tool_calls</c>, its arguments as the generated tokens); null for a text answer.</summary>
    public string? ToolCall { get; init; }

    /// <summary>The prompt's token hashes (<see cref="Simulation.PromptTokens"/>), when the prefix cache is on; else null.</summary>
    public System.Collections.Generic.List<ulong>? Tokens { get; init; }

    /// <summary>The native API the request came through; null for the OpenAI-compatible ones.</summary>
    public NativeApi? Native { get; init; }

    /// <summary>A native request's <c>parameters.details</c>: the answer carries <c>details</c> (TGI, MindIE).</summary>
    public bool Details { get; init; }
}
