namespace PodBench.Runtime.Engine;

/// <summary>Percentiles of a lag distribution, in microseconds (about 1% resolution).</summary>
/// <param name="Count">How many values were measured.</param>
/// <param name="P50Us">Median, µs.</param>
/// <param name="P90Us">90th percentile, µs.</param>
/// <param name="P99Us">99th percentile, µs.</param>
/// <param name="MaxUs">Largest value, µs (exact).</param>
public sealed record LagSummary(long Count, double P50Us, double P90Us, double P99Us, double MaxUs)
{
    /// <summary>No values.</summary>
    public static LagSummary Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>99.9th percentile, µs.</summary>
    public double P999Us { get; init; }

    internal static LagSummary From(LagHistogram histogram) => histogram.Count == 0
        ? Empty
        : new(histogram.Count, histogram.PercentileNs(50) / 1000, histogram.PercentileNs(90) / 1000, histogram.PercentileNs(99) / 1000, histogram.MaxNs / 1000.0)
        {
            P999Us = histogram.PercentileNs(99.9) / 1000,
        };

    /// <inheritdoc />
    public override string ToString() => Count == 0 ? "n/a" : $"p50 {P50Us:0.#} µs, p90 {P90Us:0.#} µs, p99 {P99Us:0.#} µs, p99.9 {P999Us:0.#} µs, max {MaxUs:0.#} µs (n={Count})";
}
