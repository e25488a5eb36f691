using System;

namespace PodBench.Dsl;

/// <summary>
/// The built-in simulated OpenAI-compatible server's latency model and faults. TTFT grows with the prompt and
/// with queueing; the per-token delay grows with the number of streams in flight, like a batching server.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>A model that looks like a small GPU server.</summary>
    public static SimulatorOptions Default { get; } = new();

    /// <summary>
    /// No delays at all: every token is written as fast as the server can, for measuring the client's own ceiling.
    /// </summary>
    public static SimulatorOptions Fast { get; } = new()
    {
        BaseTtft = TimeSpan.Zero,
        PrefillPerToken = TimeSpan.Zero,
        DecodePerToken = TimeSpan.Zero,
        DecodeSlowdownPerStream = 0,
    };

    /// <summary>Fixed part of the time to first token.</summary>
    public TimeSpan BaseTtft { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Prefill time per prompt token.</summary>
    public TimeSpan PrefillPerToken { get; init; } = TimeSpan.FromMilliseconds(0.05);

    /// <summary>Decode time per output token with one stream in flight.</summary>
    public TimeSpan DecodePerToken { get; init; } = TimeSpan.FromMilliseconds(8);

    /// <summary>Extra decode time per token for every other stream in flight, as a fraction of <see cref="DecodePerToken"/>.</summary>
    public double DecodeSlowdownPerStream { get; init; } = 0.01;

    /// <summary>Streams the server decodes at once; requests beyond wait in a queue (their TTFT grows).</summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Output tokens when a request gives no <c>max_tokens</c> and does not ignore EOS.</summary>
    public int DefaultOutputTokens { get; init; } = 128;

    /// <summary>The misbehaviour to show.</summary>
    public SimulatorFault Fault { get; init; } = SimulatorFault.None;

    /// <summary>The fraction of requests (0..1) that show <see cref="Fault"/>. Default: every request.</summary>
    public double FaultRate { get; init; } = 1.0;

    /// <summary>How long a stall or slow headers last.</summary>
    public TimeSpan StallTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The model id the server answers to and lists at <c>/v1/models</c>.</summary>
    public string ModelId { get; init; } = "qwen";

    /// <summary>Where usage is reported in a stream. Default: a separate chunk, like vLLM.</summary>
    public UsagePlacement UsagePlacement { get; init; } = UsagePlacement.SeparateChunk;

    /// <summary>
    /// When set, requests must carry <c>Authorization: Bearer</c> with this key or get HTTP 401 (a test key; the
    /// server never logs or records it). Default: no authentication.
    /// </summary>
    public string? RequiredApiKey { get; init; }

    /// <summary>
    /// The prefix cache (vLLM's <c>--enable-prefix-caching</c>); null (default) for none: every prompt is prefilled
    /// in full and usage carries no <c>prompt_tokens_details</c>.
    /// </summary>
    public SimulatorPrefixCache? PrefixCache { get; init; }

    /// <summary>A copy with a fault on <paramref name="rate"/> of the requests.</summary>
    public SimulatorOptions WithFault(SimulatorFault fault, double rate = 1.0) => this with { Fault = fault, FaultRate = rate };
}
