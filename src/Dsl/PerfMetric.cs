namespace PodBench.Dsl;

/// <summary>A metric an SLO gate can check.</summary>
public enum PerfMetric
{
    /// <summary>End-to-end latency, ms.</summary>
    E2EL,

    /// <summary>Time to first token, ms.</summary>
    TTFT,

    /// <summary>Time per output token after the first, ms.</summary>
    TPOT,

    /// <summary>Inter-token latency (every gap of every request), ms.</summary>
    ITL,

    /// <summary>Input tokens per request.</summary>
    InputTokens,

    /// <summary>Output tokens per request.</summary>
    OutputTokens,

    /// <summary>Per-request output tokens/s.</summary>
    OutputTokenThroughput,

    /// <summary>Per-request input tokens / TTFT.</summary>
    PrefillTokenThroughput,

    /// <summary>Run-level successful requests/s (the statistic is ignored).</summary>
    RequestThroughput,

    /// <summary>Run-level output tokens/s (the statistic is ignored).</summary>
    TotalOutputTokenThroughput,

    /// <summary>Run-level failed requests, a count (the statistic is ignored).</summary>
    FailedRequests,
}
