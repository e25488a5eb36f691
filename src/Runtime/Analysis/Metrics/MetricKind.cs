namespace PodBench.Runtime.Metrics;

/// <summary>The unit family of a per-request metric; it decides rounding and the unit written.</summary>
public enum MetricKind
{
    /// <summary>A duration: computed in seconds, written in ms (<c>12300.2 ms</c>).</summary>
    Time,

    /// <summary>A token count (<c>512.0</c>).</summary>
    Tokens,

    /// <summary>Tokens per second (<c>41.6254 token/s</c>).</summary>
    TokenRate,
}
