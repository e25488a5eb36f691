namespace PodBench.Dsl;

/// <summary>
/// The per-request objectives of goodput, as vLLM's <c>--goodput ttft:MS tpot:MS e2el:MS</c>: a successful request is
/// good when each given metric is at most its limit (ms); a null limit is not checked. Goodput is good requests per
/// second of the measured duration, reported with the share of successful requests that were good.
/// </summary>
public sealed record GoodputSlo
{
    /// <summary>Largest time to first token, ms; null does not check it.</summary>
    public double? TtftMs { get; init; }

    /// <summary>Largest time per output token, ms; null does not check it.</summary>
    public double? TpotMs { get; init; }

    /// <summary>Largest end-to-end latency, ms; null does not check it.</summary>
    public double? E2elMs { get; init; }

    /// <summary>The limits as vLLM writes them, e.g. <c>ttft:500 tpot:50</c>.</summary>
    public override string ToString()
    {
        var parts = new System.Collections.Generic.List<string>();
        Add(parts, "ttft", TtftMs);
        Add(parts, "tpot", TpotMs);
        Add(parts, "e2el", E2elMs);
        return string.Join(" ", parts);
    }

    private static void Add(System.Collections.Generic.List<string> parts, string name, double? value)
    {
        if (value is { } v)
        {
            parts.Add(name + ":" + v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
