namespace PodBench.Dsl;

/// <summary>A misbehaviour the built-in simulated server can show, for testing a client's failure handling.</summary>
public enum SimulatorFault
{
    /// <summary>Well behaved.</summary>
    None,

    /// <summary>HTTP 500.</summary>
    Http500,

    /// <summary>HTTP 429 Too Many Requests.</summary>
    Http429,

    /// <summary>HTTP 503 Service Unavailable.</summary>
    Http503,

    /// <summary>The connection is reset mid-stream.</summary>
    ResetMidStream,

    /// <summary>An event carries malformed JSON.</summary>
    MalformedJson,

    /// <summary>No bytes for <see cref="SimulatorOptions.StallTime"/> mid-stream.</summary>
    Stall,

    /// <summary>The stream ends without <c>[DONE]</c> (a native API's stream: without its last event).</summary>
    CutWithoutDone,

    /// <summary>One event of about 1 MiB.</summary>
    HugeChunk,

    /// <summary>Response headers arrive only after <see cref="SimulatorOptions.StallTime"/>.</summary>
    SlowHeaders,
}
