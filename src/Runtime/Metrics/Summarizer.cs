using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using DuckDB.NET.Data;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// Computes a <see cref="PerfSummary"/> from the <c>requests</c> view (docs/record-schema.md) with the embedded
/// DuckDB SQL of this folder, following metrics.md and reference-aisbench.md section 1 exactly (see docs/metrics.md).
/// Per-request values are reduced in DuckDB; the pooled ITL gaps are never materialized (two streaming passes).
/// </summary>
public static class Summarizer
{
    private static readonly string[] MetricOrder = ["E2EL", "TTFT", "TPOT", "ITL", "InputTokens", "OutputTokens", "OutputTokenThroughput", "PrefillTokenThroughput"];

    /// <summary>Summarizes every row of the <c>requests</c> view on <paramref name="conn"/>.</summary>
    public static PerfSummary Summarize(DuckDBConnection conn, SummaryRequest request)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(request);
        var sql = new SqlRunner(conn);
        var statistics = StatisticColumn.Parse(request.Statistics);
        var notes = new List<string>();
        try
        {
            sql.Execute(sql.Load("summary_requests.sql"));
            var failures = sql.Rows(sql.Load("summary_failures.sql"))
                .Select(r => new FailureCount((string)r[0]!, SqlRunner.Long(r[1])))
                .ToList();

            var counts = sql.Rows("SELECT count(*), count(*) FILTER (WHERE success) FROM pb_req")[0];
            var total = SqlRunner.Long(counts[0]);
            var ok = SqlRunner.Long(counts[1]);
            if (ok == 0)
            {
                notes.Add(total == 0
                    ? "No request was recorded: there is nothing to summarize."
                    : $"Every request failed ({total} of {total}): no latency or throughput can be computed. The failure reasons are listed below.");
                return new PerfSummary
                {
                    Scope = request.Scope,
                    Statistics = statistics.Select(s => s.Name).ToList(),
                    Metrics = [],
                    Globals = CountsOnly(total, request.MaxConcurrency),
                    Failures = failures,
                    Notes = notes,
                };
            }

            var (first, last) = StableWindow(sql, request, notes);
            var hasStable = first is not null;
            var fill = new[] { ("first_ns", SqlRunner.Ns(first)), ("last_ns", SqlRunner.Ns(last)) };
            sql.Execute(sql.Load("summary_values.sql", fill));
            var stages = hasStable ? new[] { "total", "stable" } : new[] { "total" };

            var perRequest = PerRequestStatistics(sql, statistics, fill);
            var itl = new PooledDistribution(sql, "list_transform(range(2, len(t)), i -> t[i + 1] - t[i])", "len(t) >= 3", first, last)
                .Compute(statistics, hasStable);
            var globals = Globals(sql, fill, request, first, last, stages, out var stageInfo);

            var metrics = new List<MetricStatistics>();
            foreach (var stage in stages)
            {
                metrics.AddRange(StageMetrics(stage, statistics, perRequest, itl, stageInfo[stage]));
            }

            var extras = Extras(sql, request, perRequest, first, last, stageInfo["total"]);
            return new PerfSummary
            {
                Scope = request.Scope,
                Statistics = statistics.Select(s => s.Name).ToList(),
                Metrics = metrics,
                Globals = globals,
                Failures = failures,
                Notes = notes,
                Extras = extras,
            };
        }
        finally
        {
            sql.Execute("DROP TABLE IF EXISTS pb_vals; DROP TABLE IF EXISTS pb_req;");
        }
    }

    private static (long? First, long? Last) StableWindow(SqlRunner sql, SummaryRequest request, List<string> notes)
    {
        if (!request.Stable)
        {
            return (null, null);
        }

        if (request.MaxConcurrency <= 0)
        {
            notes.Add("No stable stage: no concurrency limit was configured, so only stage total is reported.");
            return (null, null);
        }

        var row = sql.Rows(sql.Load("summary_stable.sql", ("limit", request.MaxConcurrency.ToString(CultureInfo.InvariantCulture))))[0];
        var first = SqlRunner.NullableLong(row[0]);
        var last = SqlRunner.NullableLong(row[1]);
        if (first is null || last is null)
        {
            notes.Add($"No stable stage: the requests in flight never reached the concurrency limit of {request.MaxConcurrency} at a second request start, so only stage total is reported.");
            return (null, null);
        }

        return (first, last);
    }

    private static Dictionary<(string Stage, string Metric), (long N, double Sum, Dictionary<string, double> Values)> PerRequestStatistics(
        SqlRunner sql, IReadOnlyList<StatisticColumn> statistics, (string, string)[] fill)
    {
        var result = new Dictionary<(string, string), (long, double, Dictionary<string, double>)>();
        var wanted = new HashSet<(string Stage, string Metric, long Rank)>();
        foreach (var r in sql.Rows(sql.Load("summary_counts.sql", fill)))
        {
            var stage = (string)r[0]!;
            var metric = (string)r[1]!;
            var n = SqlRunner.Long(r[2]);
            var values = new Dictionary<string, double>();
            foreach (var col in statistics)
            {
                switch (col.Kind)
                {
                    case StatisticKind.Average:
                        values[col.Name] = SqlRunner.Double(r[3]) / n;
                        break;
                    case StatisticKind.Min:
                        values[col.Name] = SqlRunner.Double(r[4]);
                        break;
                    case StatisticKind.Max:
                        values[col.Name] = SqlRunner.Double(r[5]);
                        break;
                    default:
                        var (lo, hi, _) = NumpyPercentile.Ranks(n, col.Percentile);
                        wanted.Add((stage, metric, lo));
                        wanted.Add((stage, metric, hi));

                        break;
                }
            }

            result[(stage, metric)] = (n, SqlRunner.Double(r[3]), values);
        }

        if (wanted.Count > 0)
        {
            var wantedSql = string.Join(", ", wanted.Select(w => $"('{w.Stage}', '{w.Metric}', {w.Rank.ToString(CultureInfo.InvariantCulture)})"));
            var ranks = sql.Rows(sql.Load("summary_select.sql", ("wanted", wantedSql)))
                .ToDictionary(r => ((string)r[0]!, (string)r[1]!, SqlRunner.Long(r[2])), r => SqlRunner.Double(r[3]));
            foreach (var ((stage, metric), (n, _, values)) in result)
            {
                foreach (var col in statistics.Where(c => c.Kind == StatisticKind.Percentile))
                {
                    var (lo, hi, gamma) = NumpyPercentile.Ranks(n, col.Percentile);
                    values[col.Name] = NumpyPercentile.Lerp(ranks[(stage, metric, lo)], ranks[(stage, metric, hi)], gamma);
                }
            }
        }

        return result;
    }

    private static IEnumerable<MetricStatistics> StageMetrics(
        string stage,
        IReadOnlyList<StatisticColumn> statistics,
        Dictionary<(string Stage, string Metric), (long N, double Sum, Dictionary<string, double> Values)> perRequest,
        Dictionary<string, (long N, Dictionary<string, double> Values)> itl,
        StageInfo info)
    {
        // Removal rules: TTFT and TPOT go when their sum is 0 (math.isclose(sum, 0)), PrefillTokenThroughput with TTFT;
        // ITL goes when no request of the stage has a non-zero gap.
        var ttftKept = perRequest.TryGetValue((stage, "TTFT"), out var ttft) && ttft.Sum != 0;
        var tpotKept = perRequest.TryGetValue((stage, "TPOT"), out var tpot) && tpot.Sum != 0;
        var itlKept = info.DecodeN > 0 && itl.TryGetValue(stage, out var pooled) && pooled.N > 0;
        foreach (var metric in MetricOrder)
        {
            if ((metric == "TTFT" && !ttftKept) || (metric == "PrefillTokenThroughput" && !ttftKept) || (metric == "TPOT" && !tpotKept) || (metric == "ITL" && !itlKept))
            {
                continue;
            }

            var kind = metric switch
            {
                "InputTokens" or "OutputTokens" => MetricKind.Tokens,
                "OutputTokenThroughput" or "PrefillTokenThroughput" => MetricKind.TokenRate,
                _ => MetricKind.Time,
            };
            var values = metric == "ITL" ? itl[stage].Values : perRequest[(stage, metric)].Values;
            var n = metric is "TPOT" or "ITL" ? info.DecodeN : info.Ok;
            var ordered = statistics.Select(s => new KeyValuePair<string, double>(s.Name, values[s.Name])).ToList();
            yield return new MetricStatistics(metric, stage, kind, ordered, n);
        }
    }

    private static List<GlobalValue> CountsOnly(long total, int maxConcurrency) =>
    [
        new("Total Requests", "total", total, "") { Integer = true },
        new("Failed Requests", "total", total, "") { Integer = true },
        new("Success Requests", "total", 0, "") { Integer = true },
        new("Max Concurrency", "total", maxConcurrency, "") { Integer = true },
    ];

    private static List<GlobalValue> Globals(SqlRunner sql, (string, string)[] fill, SummaryRequest request, long? first, long? last, string[] stages, out Dictionary<string, StageInfo> info)
    {
        info = new Dictionary<string, StageInfo>();
        foreach (var r in sql.Rows(sql.Load("summary_globals.sql", fill)))
        {
            info[(string)r[0]!] = new StageInfo(
                SqlRunner.Long(r[1]), SqlRunner.Long(r[2]), SqlRunner.NullableLong(r[3]), SqlRunner.NullableLong(r[4]), SqlRunner.Big(r[5]),
                SqlRunner.Big(r[6]), SqlRunner.Big(r[7]), SqlRunner.Long(r[8]), SqlRunner.NullableLong(r[9]), SqlRunner.NullableLong(r[10]), SqlRunner.Long(r[11]));
        }

        var byKey = new List<(string Key, string Stage, GlobalValue Value)>();
        foreach (var stage in stages)
        {
            var s = info[stage];
            // Duration: max(end) - min(start) of the successful requests; stable: last - first of the window.
            var durationNs = stage == "stable" ? last!.Value - first!.Value : s.LastEndNs!.Value - s.FirstStartNs!.Value;
            var seconds = durationNs / 1e9;
            void Add(string key, double value, string unit, bool integer = false) => byKey.Add((key, stage, new GlobalValue(key, stage, value, unit) { Integer = integer }));

            Add("Benchmark Duration", durationNs / 1e6, "ms");
            Add("Total Requests", s.Total, "", true);
            Add("Failed Requests", s.Total - s.Ok, "", true);
            Add("Success Requests", s.Ok, "", true);
            if (durationNs > 0)
            {
                var concurrency = (double)s.E2elNs / durationNs;
                if (stage == "stable")
                {
                    // The reference: min(round(x, 4), limit), an int when the limit wins.
                    var capped = CompatibleFormat.PyRound(concurrency, 4) > request.MaxConcurrency;
                    Add("Concurrency", capped ? request.MaxConcurrency : concurrency, "", capped);
                }
                else
                {
                    Add("Concurrency", concurrency, "");
                }
            }

            Add("Max Concurrency", request.MaxConcurrency, "", true);
            if (durationNs > 0)
            {
                Add("Request Throughput", s.Ok / seconds, "req/s");
            }

            Add("Total Input Tokens", (double)s.InputTokens, "", true);
            Add("Total Generated Tokens", (double)s.OutputTokens, "", true);
            if (durationNs > 0)
            {
                Add("Input Token Throughput", (double)s.InputTokens / seconds, "token/s");
                Add("Output Token Throughput", (double)s.OutputTokens / seconds, "token/s");
                Add("Total Token Throughput", (double)(s.InputTokens + s.OutputTokens) / seconds, "token/s");
            }
        }

        var keyOrder = byKey.Select(k => k.Key).Distinct().ToList();
        return byKey.OrderBy(k => keyOrder.IndexOf(k.Key)).ThenBy(k => Array.IndexOf(stages, k.Stage)).Select(k => k.Value).ToList();
    }

    private static List<GlobalValue> Extras(
        SqlRunner sql,
        SummaryRequest request,
        Dictionary<(string Stage, string Metric), (long N, double Sum, Dictionary<string, double> Values)> perRequest,
        long? first,
        long? last,
        StageInfo total)
    {
        var extras = new List<GlobalValue>();
        var p50p99 = StatisticColumn.Parse(["Average", "P50", "P99"]);
        if (perRequest.ContainsKey(("total", "SendLag")))
        {
            var (n, sum, _) = perRequest[("total", "SendLag")];
            var lag = Percentiles(sql, "SendLag", n, p50p99);
            extras.Add(new GlobalValue("Send Lag P50", "total", lag[1] * 1000, "ms"));
            extras.Add(new GlobalValue("Send Lag P99", "total", lag[2] * 1000, "ms"));
            var sched = Percentiles(sql, "ScheduledE2EL", perRequest[("total", "ScheduledE2EL")].N, p50p99);
            extras.Add(new GlobalValue("Scheduled E2EL Average", "total", sched[0] * 1000, "ms"));
            extras.Add(new GlobalValue("Scheduled E2EL P50", "total", sched[1] * 1000, "ms"));
            extras.Add(new GlobalValue("Scheduled E2EL P99", "total", sched[2] * 1000, "ms"));
            _ = sum;
        }

        var stamped = SqlRunner.Long(sql.Rows("SELECT count(*) FROM pb_req WHERE success AND has_server_stamps")[0][0]);
        var lagDistribution = stamped == 0 ? default : new PooledDistribution(sql, "list_transform(s, (x, i) -> t[i + 1] - x)", "len(s) > 0", first, last)
            .Compute(p50p99, stable: false)["total"];
        if (lagDistribution.N > 0)
        {
            extras.Add(new GlobalValue("Client Read Lag P50", "total", lagDistribution.Values["P50"] * 1000, "ms"));
            extras.Add(new GlobalValue("Client Read Lag P99", "total", lagDistribution.Values["P99"] * 1000, "ms"));
        }

        if (request.TargetRate is { } target)
        {
            extras.Add(new GlobalValue("Target Request Rate", "total", target, "req/s"));
            if (total.Sends > 1 && total.LastSendNs > total.FirstSendNs)
            {
                // (sends - 1) / span: exactly the rate of an evenly spaced schedule.
                extras.Add(new GlobalValue("Achieved Request Rate", "total", (total.Sends - 1) / ((total.LastSendNs!.Value - total.FirstSendNs!.Value) / 1e9), "req/s"));
            }
        }

        return extras;
    }

    private static double[] Percentiles(SqlRunner sql, string metric, long n, IReadOnlyList<StatisticColumn> columns)
    {
        var result = new double[columns.Count];
        var rows = sql.Rows(sql.Load("summary_counts.sql")).First(r => (string)r[0]! == "total" && (string)r[1]! == metric);
        var wanted = new List<long>();
        foreach (var col in columns.Where(c => c.Kind == StatisticKind.Percentile))
        {
            var (lo, hi, _) = NumpyPercentile.Ranks(n, col.Percentile);
            wanted.Add(lo);
            wanted.Add(hi);
        }

        var values = wanted.Count == 0
            ? new Dictionary<long, double>()
            : sql.Rows(sql.Load("summary_select.sql", ("wanted", string.Join(", ", wanted.Distinct().Select(k => $"('total', '{metric}', {k.ToString(CultureInfo.InvariantCulture)})")))))
                .ToDictionary(r => SqlRunner.Long(r[2]), r => SqlRunner.Double(r[3]));
        for (var i = 0; i < columns.Count; i++)
        {
            var col = columns[i];
            if (col.Kind == StatisticKind.Average)
            {
                result[i] = SqlRunner.Double(rows[3]) / n;
            }
            else
            {
                var (lo, hi, gamma) = NumpyPercentile.Ranks(n, col.Percentile);
                result[i] = NumpyPercentile.Lerp(values[lo], values[hi], gamma);
            }
        }

        return result;
    }

    private sealed record StageInfo(long Total, long Ok, long? FirstStartNs, long? LastEndNs, BigInteger E2elNs, BigInteger InputTokens, BigInteger OutputTokens, long DecodeN, long? FirstSendNs, long? LastSendNs, long Sends);
}
