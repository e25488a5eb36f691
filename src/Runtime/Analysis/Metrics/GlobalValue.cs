namespace PodBench.Runtime.Metrics;

/// <summary>
/// One global ("common") metric of one stage at full precision, e.g. Benchmark Duration (in ms, as the
/// reference keys it) or Request Throughput (req/s).
/// </summary>
/// <param name="Key">The reference's key, e.g. <c>Request Throughput</c>.</param>
/// <param name="Stage"><c>total</c> or <c>stable</c>.</param>
/// <param name="Value">The value, unrounded.</param>
/// <param name="Unit"><c>ms</c>, <c>req/s</c>, <c>token/s</c>, or empty for counts.</param>
public sealed record GlobalValue(string Key, string Stage, double Value, string Unit)
{
    /// <summary>
    /// True when the reference holds this value as a Python int (counts, Max Concurrency, and a stable Concurrency
    /// capped at the limit): it is then written without a decimal point.
    /// </summary>
    public bool Integer { get; init; }
}
