using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>What the simulated server saw of one generation request (for tests that check a client server-side).</summary>
public sealed record SimulatedRequest
{
    /// <summary>1-based arrival order among generation requests.</summary>
    public long Ordinal { get; init; }

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the request reached the handler.</summary>
    public long ArrivalTimestamp { get; init; }

    /// <summary>The path, e.g. <c>/v1/chat/completions</c>.</summary>
    public string Path { get; init; } = "";

    /// <summary>The model the body named; null when it named none.</summary>
    public string? Model { get; init; }

    /// <summary>True for <c>"stream": true</c>.</summary>
    public bool Stream { get; init; }

    /// <summary>The prompt tokens the server counted (and reports in usage).</summary>
    public int PromptTokens { get; init; }

    /// <summary>Prompt tokens served from the prefix cache (0 without <see cref="SimulatorOptions.PrefixCache"/>).</summary>
    public int CachedTokens { get; init; }

    /// <summary>Chat: the number of messages the request carried (history included); 0 for completions.</summary>
    public int Messages { get; init; }

    /// <summary>Chat: the number of <c>tools</c> the request offered.</summary>
    public int Tools { get; init; }

    /// <summary>The function the answer called (its arguments streamed as the generated tokens); null for a text answer.</summary>
    public string? ToolCall { get; init; }

    /// <summary>The request's <c>max_tokens</c> (or <c>max_completion_tokens</c>); null when absent.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The output tokens the server planned to generate.</summary>
    public int CompletionTokens { get; init; }

    /// <summary>The fault shown on this request; <see cref="SimulatorFault.None"/> for a good one.</summary>
    public SimulatorFault Fault { get; init; }

    /// <summary>The HTTP status the server answered with (400, 401, 404 for rejected requests).</summary>
    public int Status { get; init; }
}
