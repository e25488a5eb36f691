using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Computes <see cref="PerfSummary"/>s from the raw records of a <c>requests</c> table (docs/record-schema.md) by
/// DuckDB SQL, per metrics.md. The merge's stand-in until src/Runtime/Metrics' Summarizer lands; then the merge
/// calls that one (one code path for a task and a merge).
/// </summary>
/// <remarks>
/// ITL pools every gap of every request (a billion values for 250,000 requests of 4K tokens), so its statistics
/// come from an exact histogram of the integer ns gaps, built in one pass for every scope and stage: exact
/// percentiles (numpy's interpolation between the values at the two closest ranks) without holding every gap.
/// </remarks>
internal static class RecordSummarizer
{
    private static readonly (string Name, MetricKind Kind, string Expr)[] PerRequestMetrics =
    [
        ("E2EL", MetricKind.Time, "(end_ns - start_ns) / 1e9"),
        ("TTFT", MetricKind.Time, "(first_ns - start_ns) / 1e9"),
        ("TPOT", MetricKind.Time, "CASE WHEN output_tokens > 1 THEN ((end_ns - first_ns) / 1e9) / (output_tokens - 1) ELSE 0 END"),
        ("ITL", MetricKind.Time, ""),
        ("InputTokens", MetricKind.Tokens, "input_tokens::DOUBLE"),
        ("OutputTokens", MetricKind.Tokens, "output_tokens::DOUBLE"),
        ("OutputTokenThroughput", MetricKind.TokenRate, "CASE WHEN end_ns > start_ns THEN output_tokens / ((end_ns - start_ns) / 1e9) ELSE 0 END"),
        ("PrefillTokenThroughput", MetricKind.TokenRate, "CASE WHEN first_ns > start_ns THEN input_tokens / ((first_ns - start_ns) / 1e9) ELSE 0 END"),
    ];

    /// <summary>Summarizes every scope from the <c>requests</c> table; leaves the persistent <c>request_times</c> table behind.</summary>
    public static List<PerfSummary> SummarizeAll(DuckDBConnection connection, IReadOnlyList<SummaryScope> scopes, IReadOnlyList<string> statistics, bool stableStage)
    {
        Sql.Execute(connection, """
            CREATE OR REPLACE TABLE request_times AS
            SELECT pod, model_abbr, data_abbr, id, uuid, success, error_info,
                   time_points_ns[1] AS start_ns, time_points_ns[2] AS first_ns, time_points_ns[-1] AS end_ns,
                   len(time_points_ns) AS readings, input_tokens, output_tokens, scheduled_ns,
                   len(time_points_ns) >= 3 AND time_points_ns[-1] > time_points_ns[2] AS has_gap
            FROM requests;
            CREATE OR REPLACE TEMP VIEW per_request AS SELECT * FROM request_times WHERE success AND readings >= 2;
            """);
        var windows = scopes.Select(s => stableStage ? StableWindow(connection, s.Filter, s.MaxConcurrency) : null).ToList();
        BuildGapHistogram(connection, scopes, windows);
        var result = scopes.Select((s, i) => Summarize(connection, s, i, windows[i], statistics, stableStage)).ToList();
        Sql.Execute(connection, "DROP TABLE IF EXISTS gap_histogram; DROP VIEW IF EXISTS per_request;");
        return result;
    }

    private static void BuildGapHistogram(DuckDBConnection connection, IReadOnlyList<SummaryScope> scopes, IReadOnlyList<(long First, long Last)?> windows)
    {
        var flags = scopes.Select((s, i) => windows[i] is { } w
            ? $"({s.Filter} AND time_points_ns[1] BETWEEN {w.First} AND {w.Last}) AS s{i}"
            : $"false AS s{i}");
        var names = string.Join(", ", scopes.Select((_, i) => $"s{i}"));
        Sql.Execute(connection, $"""
            CREATE OR REPLACE TEMP TABLE gap_histogram AS
            SELECT model_abbr, data_abbr, {names}, gap, count(*) AS c
            FROM (SELECT model_abbr, data_abbr, {string.Join(", ", flags)},
                         unnest(list_transform(range(2, len(time_points_ns)), lambda i: time_points_ns[i + 1] - time_points_ns[i])) AS gap
                  FROM requests WHERE success AND len(time_points_ns) >= 3)
            GROUP BY ALL
            """);
    }

    private static PerfSummary Summarize(DuckDBConnection connection, SummaryScope scope, int index, (long First, long Last)? window, IReadOnlyList<string> statistics, bool stableStage)
    {
        var filter = scope.Filter;
        var counts = Sql.Row(connection, $"SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success) FROM request_times WHERE {filter}");
        var success = Sql.Long(counts[0]);
        var failed = Sql.Long(counts[1]);
        var notes = new List<string>();
        if (success == 0)
        {
            notes.Add(failed == 0 ? "no request was recorded" : $"every request failed ({failed.ToString(CultureInfo.InvariantCulture)} failed): no latency metrics");
        }

        var metrics = MetricRows(connection, filter, filter, "total", statistics).ToList();
        var globals = Globals(connection, filter, "total", success + failed, failed, scope.MaxConcurrency, null).ToList();
        if (stableStage && success > 0 && window is null)
        {
            notes.Add($"no stable stage: the requests in flight did not reach the limit of {scope.MaxConcurrency.ToString(CultureInfo.InvariantCulture)} at two request starts");
        }
        else if (stableStage && window is { } w)
        {
            var stageFilter = $"{filter} AND start_ns BETWEEN {w.First} AND {w.Last}";
            metrics.AddRange(MetricRows(connection, stageFilter, $"{filter} AND s{index}", "stable", statistics));
            var stableCounts = Sql.Row(connection, $"SELECT count(*) FILTER (WHERE success AND readings >= 2), count(*) FILTER (WHERE NOT success) FROM request_times WHERE {stageFilter}");
            globals.AddRange(Globals(connection, filter, "stable", Sql.Long(stableCounts[0]) + Sql.Long(stableCounts[1]), Sql.Long(stableCounts[1]), scope.MaxConcurrency, w));
        }

        return new PerfSummary
        {
            Scope = scope.Name,
            Statistics = statistics,
            Metrics = metrics,
            Globals = globals,
            Failures = Sql.Rows(connection, $"SELECT coalesce(nullif(error_info, ''), 'unknown'), count(*) FROM request_times WHERE NOT success AND {filter} GROUP BY 1 ORDER BY 2 DESC, 1")
                .Select(r => new FailureCount((string)r[0]!, Sql.Long(r[1]))).ToList(),
            Notes = notes,
            Extras = ClientLag(connection, filter),
        };
    }

    private static IEnumerable<MetricStatistics> MetricRows(DuckDBConnection connection, string filter, string gapFilter, string stage, IReadOnlyList<string> statistics)
    {
        var withGap = Sql.Long(Sql.Row(connection, $"SELECT count(*) FROM per_request WHERE has_gap AND {filter}")[0]);
        foreach (var (name, kind, expr) in PerRequestMetrics)
        {
            var (values, n, allZero) = name == "ITL"
                ? GapStatistics(connection, gapFilter, statistics)
                : Aggregate(connection, $"SELECT {expr} AS x FROM per_request WHERE {filter}", statistics);
            if (n == 0 && (stage == "stable" || name == "ITL"))
            {
                continue;
            }

            if (allZero && name is "TTFT" or "TPOT" or "PrefillTokenThroughput" or "ITL")
            {
                continue;
            }

            yield return new MetricStatistics(name, stage, kind, values, name is "TPOT" or "ITL" ? withGap : n);
        }
    }

    private static (List<KeyValuePair<string, double>> Values, long N, bool AllZero) Aggregate(DuckDBConnection connection, string source, IReadOnlyList<string> statistics)
    {
        var fractions = statistics.Select(Fraction).Where(f => f is not null).Select(f => Sql.Number(f!.Value)).ToList();
        var quantiles = fractions.Count == 0 ? "NULL" : $"quantile_cont(x, [{string.Join(", ", fractions)}])";
        var row = Sql.Row(connection, $"SELECT count(x), avg(x), min(x), max(x), bool_and(x = 0), {quantiles} FROM ({source})");
        var n = Sql.Long(row[0]);
        var q = row[5] is System.Collections.IEnumerable list and not string ? list.Cast<object?>().Select(Sql.Double).ToList() : [];
        return (Columns(statistics, n, Sql.Double(row[1]), Sql.Double(row[2]), Sql.Double(row[3]), q), n, row[4] is true);
    }

    private static (List<KeyValuePair<string, double>> Values, long N, bool AllZero) GapStatistics(DuckDBConnection connection, string filter, IReadOnlyList<string> statistics)
    {
        var totals = Sql.Row(connection, $"SELECT sum(c)::BIGINT, sum(gap::HUGEINT * c), min(gap), max(gap) FROM gap_histogram WHERE {filter}");
        var n = Sql.Long(totals[0]);
        if (n == 0)
        {
            return (Columns(statistics, 0, 0, 0, 0, []), 0, true);
        }

        var ranks = statistics.Select(Fraction).Where(f => f is not null).Select(f => f!.Value * (n - 1)).ToList();
        var wanted = ranks.SelectMany(r => new[] { (long)Math.Floor(r), (long)Math.Ceiling(r) }).Distinct().Order().ToList();
        var at = new Dictionary<long, double>();
        if (wanted.Count > 0)
        {
            foreach (var row in Sql.Rows(connection, $"""
                WITH h AS (SELECT gap, sum(c) AS c FROM gap_histogram WHERE {filter} GROUP BY gap),
                cum AS (SELECT gap, sum(c) OVER (ORDER BY gap ROWS UNBOUNDED PRECEDING)::BIGINT AS upto FROM h),
                k AS (SELECT unnest([{string.Join(", ", wanted)}]::BIGINT[]) AS k)
                SELECT k.k, cum.gap FROM k ASOF JOIN cum ON k.k < cum.upto
                """))
            {
                at[Sql.Long(row[0])] = Sql.Long(row[1]) / 1e9;
            }
        }

        var q = ranks.Select(r =>
        {
            var lo = at[(long)Math.Floor(r)];
            var hi = at[(long)Math.Ceiling(r)];
            return lo + (r - Math.Floor(r)) * (hi - lo);
        }).ToList();
        var max = Sql.Long(totals[3]);
        return (Columns(statistics, n, Sql.Double(totals[1]) / n / 1e9, Sql.Long(totals[2]) / 1e9, max / 1e9, q), n, max == 0 && Sql.Long(totals[2]) == 0);
    }

    private static List<KeyValuePair<string, double>> Columns(IReadOnlyList<string> statistics, long n, double average, double min, double max, IReadOnlyList<double> quantiles)
    {
        var result = new List<KeyValuePair<string, double>>();
        var qi = 0;
        foreach (var stat in statistics)
        {
            double value = stat switch
            {
                "Average" => average,
                "Min" => min,
                "Max" => max,
                _ => qi < quantiles.Count ? quantiles[qi++] : 0,
            };
            result.Add(new KeyValuePair<string, double>(stat, n == 0 ? 0 : value));
        }

        return result;
    }

    private static double? Fraction(string statistic) => statistic switch
    {
        "Average" or "Min" or "Max" => null,
        "Median" => 0.5,
        _ => double.Parse(statistic.AsSpan(1), CultureInfo.InvariantCulture) / 100.0,
    };

    private static (long First, long Last)? StableWindow(DuckDBConnection connection, string filter, long limit)
    {
        if (limit <= 0)
        {
            return null;
        }

        var row = Sql.Row(connection, $"""
            WITH ev AS (
                SELECT start_ns AS t, 1 AS d FROM per_request WHERE {filter}
                UNION ALL SELECT end_ns AS t, -1 AS d FROM per_request WHERE {filter}),
            run AS (SELECT t, d, sum(d) OVER (ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS c FROM ev)
            SELECT (SELECT t FROM run WHERE d = 1 AND c = {limit} ORDER BY t LIMIT 1 OFFSET 1),
                   (SELECT max(t) FROM run WHERE c = {limit})
            """);
        if (row.Length == 0 || row[0] is null || row[1] is null)
        {
            return null;
        }

        var first = Sql.Long(row[0]);
        var last = Sql.Long(row[1]);
        return last > first ? (first, last) : null;
    }

    private static IEnumerable<GlobalValue> Globals(DuckDBConnection connection, string filter, string stage, long total, long failed, long maxConcurrency, (long First, long Last)? window)
    {
        var where = window is { } w ? $"{filter} AND start_ns BETWEEN {w.First} AND {w.Last}" : filter;
        var row = Sql.Row(connection, $"""
            SELECT count(*), min(start_ns), max(end_ns), sum(end_ns - start_ns)::HUGEINT, sum(input_tokens)::HUGEINT, sum(output_tokens)::HUGEINT
            FROM per_request WHERE {where}
            """);
        var success = Sql.Long(row[0]);
        var durationNs = window is { } v ? v.Last - v.First : success == 0 ? 0 : Sql.Long(row[2]) - Sql.Long(row[1]);
        var durationS = durationNs / 1e9;
        var input = Sql.Double(row[4]);
        var output = Sql.Double(row[5]);
        var concurrency = durationS > 0 ? Sql.Double(row[3]) / 1e9 / durationS : 0;
        if (window is not null)
        {
            concurrency = Math.Min(concurrency, maxConcurrency);
        }

        yield return new GlobalValue("Benchmark Duration", stage, durationNs / 1e6, "ms");
        yield return new GlobalValue("Total Requests", stage, total, "");
        yield return new GlobalValue("Failed Requests", stage, failed, "");
        yield return new GlobalValue("Success Requests", stage, success, "");
        yield return new GlobalValue("Concurrency", stage, concurrency, "");
        yield return new GlobalValue("Max Concurrency", stage, maxConcurrency, "");
        if (durationS > 0)
        {
            yield return new GlobalValue("Request Throughput", stage, success / durationS, "req/s");
        }

        yield return new GlobalValue("Total Input Tokens", stage, input, "");
        yield return new GlobalValue("Total Generated Tokens", stage, output, "");
        if (durationS > 0)
        {
            yield return new GlobalValue("Input Token Throughput", stage, input / durationS, "token/s");
            yield return new GlobalValue("Output Token Throughput", stage, output / durationS, "token/s");
            yield return new GlobalValue("Total Token Throughput", stage, (input + output) / durationS, "token/s");
        }
    }

    private static IReadOnlyList<GlobalValue> ClientLag(DuckDBConnection connection, string filter)
    {
        var row = Sql.Row(connection, $"""
            SELECT count(*), avg(lag), quantile_cont(lag, 0.99), max(lag)
            FROM (SELECT (start_ns - scheduled_ns) / 1e6 AS lag FROM per_request WHERE scheduled_ns > 0 AND {filter})
            """);
        if (Sql.Long(row[0]) == 0)
        {
            return [];
        }

        return
        [
            new GlobalValue("Send Lag Average", "total", Sql.Double(row[1]), "ms"),
            new GlobalValue("Send Lag P99", "total", Sql.Double(row[2]), "ms"),
            new GlobalValue("Send Lag Max", "total", Sql.Double(row[3]), "ms"),
            new GlobalValue("Scheduled Requests", "total", Sql.Long(row[0]), ""),
        ];
    }
}
