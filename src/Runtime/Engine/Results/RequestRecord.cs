using System;

namespace PodBench.Runtime.Results;

/// <summary>
/// One finished request, as the engine hands it to the result writers. Every timestamp is in ns since the
/// Unix epoch on the pod's UTC axis (<see cref="Engine.PodClock"/>). This is a public format: the details JSONL
/// and the db_data Parquet files hold exactly these fields (see docs/record-schema.md).
/// </summary>
public sealed class RequestRecord
{
    /// <summary>The model endpoint's abbr.</summary>
    public required string ModelAbbr { get; init; }

    /// <summary>The dataset's abbr (the reference's <c>data_abbr</c>).</summary>
    public required string DataAbbr { get; init; }

    /// <summary>The dataset row (repeats in pressure mode).</summary>
    public required long Id { get; init; }

    /// <summary>32 hex digits, unique per request.</summary>
    public required string Uuid { get; init; }

    /// <summary>The pod that sent the request.</summary>
    public int Pod { get; init; }

    /// <summary>Turn within a multi-turn conversation; 0 for single-turn datasets.</summary>
    public int TurnId { get; init; }

    /// <summary>The dataset's own id of the row, when it has one.</summary>
    public string? DataId { get; init; }

    /// <summary>True when the request succeeded (see metrics.md "Failures").</summary>
    public bool Success { get; init; }

    /// <summary>Why it failed; empty when it succeeded.</summary>
    public string ErrorInfo { get; init; } = "";

    /// <summary>
    /// Clock readings: <c>[0]</c> just before the send, then one per server-sent event before its JSON is parsed
    /// (streaming), or the end of the body (non-streaming).
    /// </summary>
    public long[] TimePointsNs { get; init; } = Array.Empty<long>();

    /// <summary>
    /// For each event reading <c>TimePointsNs[i + 1]</c>, when the server stamped the event (the simulator does, on
    /// the same machine's clock); empty when the server does not stamp.
    /// </summary>
    public long[] ServerTimePointsNs { get; init; } = Array.Empty<long>();

    /// <summary>
    /// Indices into <see cref="TimePointsNs"/> (ascending, each &gt;= 1) of the event readings whose event carried no
    /// generated text: the role-only first chunk, a finish-only chunk, the usage-only chunk. Every other event reading
    /// carried content. Empty for non-streaming requests. The content-token ITL and TPOT use only content readings.
    /// </summary>
    public int[] NonContentReadings { get; init; } = Array.Empty<int>();

    /// <summary>When the schedule wanted the request sent; 0 for closed-loop sends.</summary>
    public long ScheduledNs { get; init; }

    /// <summary>Prompt tokens: the server's <c>usage.prompt_tokens</c> when &gt; 0, else the tokenizer's count.</summary>
    public int InputTokens { get; init; }

    /// <summary>Generated tokens: the server's <c>usage.completion_tokens</c>, else the tokenizer's count.</summary>
    public int OutputTokens { get; init; }

    /// <summary>
    /// Prompt tokens the server served from its prefix cache (<c>usage.prompt_tokens_details.cached_tokens</c>); null
    /// when the server did not say.
    /// </summary>
    public int? CachedTokens { get; init; }

    /// <summary>Where the token counts came from: <c>server</c>, <c>tokenizer</c> or <c>none</c>.</summary>
    public string UsageSource { get; init; } = "server";

    /// <summary>Attempts made (1 unless transport errors were retried).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>HTTP status of the last attempt; 0 when none arrived.</summary>
    public int HttpStatus { get; init; }

    /// <summary>What was sent: the prompt text (the reference's <c>input</c>).</summary>
    public string Input { get; init; } = "";

    /// <summary>The generated text (reasoning included).</summary>
    public string Prediction { get; init; } = "";

    /// <summary>
    /// The function calls the model made (streamed <c>delta.tool_calls</c> pieces joined per call, or a whole
    /// <c>message.tool_calls</c>), in call order; empty when it made none.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>
    /// False when the request was sent without streaming (then TTFT and TPOT are 0, as in the reference since
    /// PR #444). Default true.
    /// </summary>
    public bool Stream { get; init; } = true;

    /// <summary>True for warm-up requests, which are kept out of every result.</summary>
    public bool WarmUp { get; init; }
}
