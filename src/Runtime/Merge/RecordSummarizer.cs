using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Computes a <see cref="PerfSummary"/> from the raw records of a <c>requests</c> table (docs/record-schema.md) by
/// DuckDB SQL, per metrics.md. The merge's stand-in until src/Runtime/Metrics' Summarizer lands; then the merge
/// calls that one (one code path for a task and a merge).
/// </summary>
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

    /// <summary>Builds the per-request table every summary reads (successful requests with at least two readings).</summary>
    public static void Prepare(DuckDBConnection connection)
    {
        Sql.Execute(connection, """
            CREATE OR REPLACE TEMP TABLE per_request AS
            SELECT pod, model_abbr, data_abbr,
                   time_points_ns[1] AS start_ns, time_points_ns[2] AS first_ns, time_points_ns[-1] AS end_ns,
                   input_tokens, output_tokens, scheduled_ns, len(time_points_ns) AS readings
            FROM requests
            WHERE success AND len(time_points_ns) >= 2
            """);
    }

    /// <summary>Summarizes the records matching <paramref name="filter"/> (a SQL predicate on pod, model_abbr, data_abbr).</summary>
    public static PerfSummary Summarize(DuckDBConnection connection, string scope, string filter, IReadOnlyList<string> statistics, bool stableStage, long maxConcurrency)
    {
        var metrics = new List<MetricStatistics>();
        var globals = new List<GlobalValue>();
        var notes = new List<string>();
        var counts = Sql.Row(connection, $"SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success) FROM requests WHERE {filter}");
        var success = Sql.Long(counts[0]);
        var failed = Sql.Long(counts[1]);
        if (success == 0)
        {
            notes.Add(failed == 0 ? "no request was recorded" : $"every request failed ({failed.ToString(CultureInfo.InvariantCulture)} failed): no latency metrics");
        }

        metrics.AddRange(MetricRows(connection, filter, "total", statistics));
        globals.AddRange(Globals(connection, filter, "total", success + failed, failed, maxConcurrency, null));
        if (stableStage && success > 0)
        {
            var window = StableWindow(connection, filter, maxConcurrency);
            if (window is null)
            {
                notes.Add($"no stable stage: the requests in flight did not reach the limit of {maxConcurrency.ToString(CultureInfo.InvariantCulture)} at two request starts");
            }
            else
            {
                var stageFilter = $"{filter} AND time_points_ns[1] BETWEEN {window.Value.First} AND {window.Value.Last}";
                metrics.AddRange(MetricRows(connection, stageFilter, "stable", statistics));
                var stableFailed = Sql.Long(Sql.Row(connection, $"SELECT count(*) FROM requests WHERE NOT success AND len(time_points_ns) > 0 AND {stageFilter}")[0]);
                var stableSuccess = Sql.Long(Sql.Row(connection, $"SELECT count(*) FROM per_request WHERE {filter} AND start_ns BETWEEN {window.Value.First} AND {window.Value.Last}")[0]);
                globals.AddRange(Globals(connection, filter, "stable", stableSuccess + stableFailed, stableFailed, maxConcurrency, window));
            }
        }

        return new PerfSummary
        {
            Scope = scope,
            Statistics = statistics,
            Metrics = metrics,
            Globals = globals,
            Failures = Failures(connection, filter),
            Notes = notes,
            Extras = ClientLag(connection, filter),
        };
    }

    private static IEnumerable<MetricStatistics> MetricRows(DuckDBConnection connection, string filter, string stage, IReadOnlyList<string> statistics)
    {
        var prFilter = filter.Replace("time_points_ns[1]", "start_ns", StringComparison.Ordinal);
        var nonZeroGaps = Sql.Long(Sql.Row(connection, $"""
            SELECT count(*) FROM requests
            WHERE success AND len(time_points_ns) >= 3 AND {filter}
              AND list_max(list_transform(range(2, len(time_points_ns)), lambda i: time_points_ns[i + 1] - time_points_ns[i])) > 0
            """)[0]);
        foreach (var (name, kind, expr) in PerRequestMetrics)
        {
            var source = name == "ITL"
                ? $"SELECT unnest(list_transform(range(2, len(time_points_ns)), lambda i: time_points_ns[i + 1] - time_points_ns[i])) / 1e9 AS x FROM requests WHERE success AND len(time_points_ns) >= 3 AND {filter}"
                : $"SELECT {expr} AS x FROM per_request WHERE {prFilter}";
            var row = Aggregate(connection, source, statistics, out var n, out var sum, out var allZero);
            if (n == 0 && stage == "stable")
            {
                continue;
            }

            if (name == "ITL" && (n == 0 || allZero))
            {
                continue;
            }

            if (name is "TTFT" or "TPOT" or "PrefillTokenThroughput" && n > 0 && allZero)
            {
                continue;
            }

            var count = name is "TPOT" or "ITL" ? nonZeroGaps : n;
            yield return new MetricStatistics(name, stage, kind, row, count);
        }
    }

    private static List<KeyValuePair<string, double>> Aggregate(DuckDBConnection connection, string source, IReadOnlyList<string> statistics, out long n, out double sum, out bool allZero)
    {
        var fractions = statistics.Select(Fraction).Where(f => f is not null).Select(f => Sql.Number(f!.Value)).ToList();
        var quantiles = fractions.Count == 0 ? "NULL" : $"quantile_cont(x, [{string.Join(", ", fractions)}])";
        var row = Sql.Row(connection, $"SELECT count(x), avg(x), min(x), max(x), sum(x), bool_and(x = 0), {quantiles} FROM ({source})");
        n = Sql.Long(row[0]);
        sum = Sql.Double(row[4]);
        allZero = row[5] is bool b && b;
        var q = row[6] is System.Collections.IEnumerable list and not string ? list.Cast<object?>().Select(Sql.Double).ToList() : [];
        var result = new List<KeyValuePair<string, double>>();
        var qi = 0;
        foreach (var stat in statistics)
        {
            double value = stat switch
            {
                "Average" => Sql.Double(row[1]),
                "Min" => Sql.Double(row[2]),
                "Max" => Sql.Double(row[3]),
                _ => qi < q.Count ? q[qi++] : 0,
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

        var prFilter = filter.Replace("time_points_ns[1]", "start_ns", StringComparison.Ordinal);
        var row = Sql.Row(connection, $"""
            WITH ev AS (
                SELECT start_ns AS t, 1 AS d FROM per_request WHERE {prFilter}
                UNION ALL SELECT end_ns AS t, -1 AS d FROM per_request WHERE {prFilter}),
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
        var prFilter = filter.Replace("time_points_ns[1]", "start_ns", StringComparison.Ordinal);
        if (window is not null)
        {
            prFilter += $" AND start_ns BETWEEN {window.Value.First} AND {window.Value.Last}";
        }

        var row = Sql.Row(connection, $"""
            SELECT count(*), min(start_ns), max(end_ns), sum(end_ns - start_ns)::HUGEINT, sum(input_tokens)::HUGEINT, sum(output_tokens)::HUGEINT
            FROM per_request WHERE {prFilter}
            """);
        var success = Sql.Long(row[0]);
        var durationNs = window is not null ? window.Value.Last - window.Value.First : success == 0 ? 0 : Sql.Long(row[2]) - Sql.Long(row[1]);
        var durationS = durationNs / 1e9;
        var sumE2el = Sql.Double(row[3]) / 1e9;
        var input = Sql.Double(row[4]);
        var output = Sql.Double(row[5]);
        var concurrency = durationS > 0 ? sumE2el / durationS : 0;
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

    private static IReadOnlyList<FailureCount> Failures(DuckDBConnection connection, string filter) =>
        Sql.Rows(connection, $"SELECT coalesce(nullif(error_info, ''), 'unknown'), count(*) FROM requests WHERE NOT success AND {filter} GROUP BY 1 ORDER BY 2 DESC, 1")
            .Select(r => new FailureCount((string)r[0]!, Sql.Long(r[1])))
            .ToList();

    private static IReadOnlyList<GlobalValue> ClientLag(DuckDBConnection connection, string filter)
    {
        var prFilter = filter.Replace("time_points_ns[1]", "start_ns", StringComparison.Ordinal);
        var row = Sql.Row(connection, $"""
            SELECT count(*), avg(lag), quantile_cont(lag, 0.99), max(lag)
            FROM (SELECT (start_ns - scheduled_ns) / 1e6 AS lag FROM per_request WHERE scheduled_ns > 0 AND {prFilter})
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
