using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// Metrics per turn index of multi-turn sessions (docs/metrics.md): TTFT, TPOT, E2EL and the token counts of the
/// successful requests of each <c>turn_id</c>, with the scope's statistics, computed by the same SQL as the stage
/// rows (summary_values.sql with <c>by_turn</c> puts the turn where the stage goes). Empty when every request is turn 0.
/// </summary>
internal static class TurnMetrics
{
    /// <summary>The metrics shown per turn, in order.</summary>
    private static readonly string[] Order = ["TTFT", "TPOT", "E2EL", "InputTokens", "CachedTokens", "OutputTokens"];

    /// <summary>The stage name of turn <paramref name="turn"/>.</summary>
    public static string Stage(int turn) => "turn " + turn.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The per-turn rows over the temp view <c>pb_req</c> (ordered by turn, then metric); <paramref name="perRequest"/>
    /// fills <c>pb_vals</c> by turn and computes its statistics.
    /// </summary>
    public static List<MetricStatistics> Compute(
        SqlRunner sql,
        IReadOnlyList<StatisticColumn> statistics,
        System.Func<Dictionary<(string Stage, string Metric), (long N, double Sum, Dictionary<string, double> Values)>> perRequest)
    {
        if (SqlRunner.Long(sql.Rows("SELECT count(*) FROM pb_req WHERE turn_id > 0")[0][0]) == 0)
        {
            return [];
        }

        var values = perRequest();
        var rows = new List<MetricStatistics>();
        foreach (var turn in values.Keys.Select(k => int.Parse(k.Stage.AsSpan(5), CultureInfo.InvariantCulture)).Distinct().Order())
        {
            foreach (var metric in Order)
            {
                if (!values.TryGetValue((Stage(turn), metric), out var v))
                {
                    continue;
                }

                var kind = metric is "InputTokens" or "OutputTokens" or "CachedTokens" ? MetricKind.Tokens : MetricKind.Time;
                rows.Add(new MetricStatistics(metric, Stage(turn), kind, statistics.Select(c => new KeyValuePair<string, double>(c.Name, v.Values[c.Name])).ToList(), v.N));
            }
        }

        return rows;
    }
}
