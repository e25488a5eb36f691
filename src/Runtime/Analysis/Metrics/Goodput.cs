using System.Collections.Generic;
using System.Globalization;
using PodBench.Dsl;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// Goodput (vLLM's <c>--goodput</c>, docs/metrics.md): the successful requests that met every given limit, per second
/// of the stage's Benchmark Duration, and their share of the successful requests. Our extras, never in the
/// compatible files.
/// </summary>
internal static class Goodput
{
    /// <summary>The key of good requests per second.</summary>
    public const string RateKey = "Goodput";

    /// <summary>The key of the share of successful requests that were good, in %.</summary>
    public const string ShareKey = "Goodput Share";

    /// <summary>The key of the number of good requests.</summary>
    public const string CountKey = "Good Requests";

    /// <summary>True for the keys of the goodput extras.</summary>
    public static bool IsKey(string key) => key is RateKey or ShareKey or CountKey;

    /// <summary>The goodput extras of each stage over the temp view <c>pb_req</c>; <paramref name="durationNs"/> gives a stage's duration.</summary>
    public static List<GlobalValue> Compute(SqlRunner sql, (string, string)[] fill, GoodputSlo slo, IReadOnlyList<string> stages, System.Func<string, long> durationNs)
    {
        var limits = new[] { ("ttft_ms", Limit(slo.TtftMs)), ("tpot_ms", Limit(slo.TpotMs)), ("e2el_ms", Limit(slo.E2elMs)) };
        var counts = new Dictionary<string, (long Good, long Ok)>();
        foreach (var r in sql.Rows(sql.Load("summary_goodput.sql", [.. fill, .. limits])))
        {
            counts[(string)r[0]!] = (SqlRunner.Long(r[1]), SqlRunner.Long(r[2]));
        }

        var extras = new List<GlobalValue>();
        foreach (var stage in stages)
        {
            if (!counts.TryGetValue(stage, out var c) || c.Ok == 0)
            {
                continue;
            }

            extras.Add(new GlobalValue(CountKey, stage, c.Good, "") { Integer = true });
            if (durationNs(stage) > 0)
            {
                extras.Add(new GlobalValue(RateKey, stage, c.Good / (durationNs(stage) / 1e9), "req/s"));
            }

            extras.Add(new GlobalValue(ShareKey, stage, 100.0 * c.Good / c.Ok, "%"));
        }

        return extras;
    }

    private static string Limit(double? ms) => ms is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "NULL";
}
