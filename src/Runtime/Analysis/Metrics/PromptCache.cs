using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// The server's prefix cache as the server reported it (<c>usage.prompt_tokens_details.cached_tokens</c>, docs/metrics.md):
/// cached prompt tokens and the hit rate (cached / prompt tokens of the requests that reported), per stage. Our
/// extras, never in the compatible files; present only when some successful request reported cached tokens.
/// </summary>
internal static class PromptCache
{
    /// <summary>The key of the cached prompt tokens.</summary>
    public const string CachedKey = "Cached Prompt Tokens";

    /// <summary>The key of the hit rate, in %.</summary>
    public const string HitRateKey = "Prompt Cache Hit Rate";

    /// <summary>The key of the number of requests with at least one cached prompt token.</summary>
    public const string HitRequestsKey = "Cache Hit Requests";

    /// <summary>True for the keys of the prefix-cache extras.</summary>
    public static bool IsKey(string key) => key is CachedKey or HitRateKey or HitRequestsKey;

    /// <summary>
    /// The warning for a summary whose server reported cached prompt tokens (stage total), or null when it reported
    /// none (or never said).
    /// </summary>
    public static string? Warning(PerfSummary summary)
    {
        double? Total(string key) => summary.Extras.Where(e => e.Key == key && e.Stage == "total").Select(e => (double?)e.Value).FirstOrDefault();
        if (Total(CachedKey) is not { } cached || cached <= 0)
        {
            return null;
        }

        var rate = Total(HitRateKey) is { } r ? $" ({r.ToString("0.##", CultureInfo.InvariantCulture)}% of their prompt tokens)" : "";
        return $"PREFIX CACHE HITS in {summary.Scope}: the server reported {cached.ToString("0", CultureInfo.InvariantCulture)} cached prompt tokens{rate} "
            + $"in {(Total(HitRequestsKey) ?? 0).ToString("0", CultureInfo.InvariantCulture)} requests. Prefill of those tokens was skipped, so TTFT is lower than for "
            + "uncached prompts: compare TTFT only with runs whose hit rate matches.";
    }

    /// <summary>The prefix-cache extras of each stage over the temp view <c>pb_req</c>.</summary>
    public static List<GlobalValue> Compute(SqlRunner sql, (string, string)[] fill, IReadOnlyList<string> stages)
    {
        var rows = new Dictionary<string, (long Cached, long Prompt, long Reported, long Hits)>();
        foreach (var r in sql.Rows(sql.Load("summary_cache.sql", fill)))
        {
            rows[(string)r[0]!] = (SqlRunner.Long(r[1]), SqlRunner.Long(r[2]), SqlRunner.Long(r[3]), SqlRunner.Long(r[4]));
        }

        var extras = new List<GlobalValue>();
        foreach (var stage in stages)
        {
            if (!rows.TryGetValue(stage, out var c) || c.Reported == 0)
            {
                continue;
            }

            extras.Add(new GlobalValue(CachedKey, stage, c.Cached, "") { Integer = true });
            if (c.Prompt > 0)
            {
                extras.Add(new GlobalValue(HitRateKey, stage, 100.0 * c.Cached / c.Prompt, "%"));
            }

            extras.Add(new GlobalValue(HitRequestsKey, stage, c.Hits, "") { Integer = true });
        }

        return extras;
    }
}
