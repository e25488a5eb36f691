using System.Globalization;
using System.Linq;

namespace PodBench.Runtime.Reports;

/// <summary>The per-request values the charts draw, as SQL over <c>request_times</c> (ms), defined as in docs/metrics.md.</summary>
internal static class Expressions
{
    public const string Ttft = "(first_ns - start_ns) / 1e6";

    public const string E2el = "(end_ns - start_ns) / 1e6";

    /// <summary>(E2EL - TTFT) / (OutputTokens - 1), for streamed requests with more than one output token.</summary>
    public const string Tpot = "(end_ns - first_ns) / 1e6 / (output_tokens - 1)";

    public const string SendLag = "(start_ns - scheduled_ns) / 1e6";

    /// <summary>The levels 0, 0.01, ..., 1 of the CDF charts.</summary>
    public static readonly string CdfLevels = "[" + string.Join(", ", Enumerable.Range(0, 101).Select(i => (i / 100.0).ToString("0.00", CultureInfo.InvariantCulture))) + "]";

    /// <summary>
    /// The gaps (ms) between successive readings after the first token, of up to <paramref name="requests"/> successful
    /// streamed requests chosen by the hash of their uuid, from the <c>requests</c> view (the db_data readings).
    /// </summary>
    public static string ItlGaps(int requests) => $"""
        SELECT unnest(list_transform(range(2, len(tp)), i -> (tp[i + 1] - tp[i]) / 1e6)) AS v
        FROM (SELECT time_points_ns AS tp FROM requests
              WHERE success AND stream AND len(time_points_ns) >= 3
              ORDER BY hash(uuid), uuid LIMIT {requests})
        """;
}
