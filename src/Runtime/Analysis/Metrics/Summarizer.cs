using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using DuckDB.NET.Data;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// Computes a <see cref="PerfSummary"/> from the <c>requests</c> view (docs/record-schema.md) with the embedded
/// DuckDB SQL of this folder, following metrics.md and reference-aisbench.md section 1 exactly (see docs/metrics.md).
/// Per-request values are reduced in DuckDB; the pooled ITL gaps are never materialized (two streaming passes, shared
/// by every scope of a merge).
/// </summary>
public static class Summarizer
{
    /// <summary>The name of our content-token TPOT row (<see cref="PerfSummary.ContentMetrics"/>).</summary>
    public const string ContentTpotName = "TPOT (content)";

    /// <summary>The name of our content-token ITL row (<see cref="PerfSummary.ContentMetrics"/>).</summary>
    public const string ContentItlName = "ITL (content)";

    private static readonly string[] MetricOrder = ["E2EL", "TTFT", "TPOT", "ITL", "InputTokens", "OutputTokens", "OutputTokenThroughput", "PrefillTokenThroughput"];

    private static readonly string ViewRecords =
        "SELECT 0 AS task, success, error_info, input_tokens, output_tokens, scheduled_ns, stream, cached_tokens, turn_id, len(time_points_ns) AS readings, " +
        "time_points_ns[1] AS start_ns, time_points_ns[2] AS first_ns, time_points_ns[-1] AS end_ns, len(server_time_points_ns) AS server_readings, " +
        RecordSql.ContentColumns("time_points_ns", "noncontent_readings") + " FROM requests";

    private const string ViewReadings = "SELECT 0 AS task, time_points_ns AS t, server_time_points_ns AS s, noncontent_readings AS n FROM requests WHERE success";

    private const string ItlGaps = "list_transform(range(2, len(t)), i -> t[i + 1] - t[i])";

    /// <summary>
    /// The readings relation <c>{0}</c> with what the content gaps need: <c>lead</c> and <c>trail</c>, the readings
    /// without content before the first and after the last content reading (RecordSql.ContentColumns), and <c>c</c>, the
    /// content readings themselves, built only when a reading without content lies between two with content.
    /// </summary>
    private static readonly string ContentReadings =
        "SELECT *, CASE WHEN lead + trail < len(n) THEN list_filter(t, (x, i) -> i > 1 AND NOT list_contains(n, i - 1)) END AS c FROM (" +
        $"SELECT *, {RecordSql.ContentLead("n")} AS lead, {RecordSql.ContentTrail("t", "n")} AS trail FROM ({{0}}))";

    /// <summary>The gaps between consecutive content readings: a slice of the time points' gaps when the content readings are contiguous.</summary>
    private const string ContentGaps =
        "CASE WHEN c IS NULL THEN list_transform(range(lead + 2, len(t) - trail), i -> t[i + 1] - t[i]) ELSE list_transform(range(1, len(c)), i -> c[i + 1] - c[i]) END";

    private const string ReadLags = "list_transform(s, (x, i) -> t[i + 1] - x)";

    /// <summary>Summarizes every row of the <c>requests</c> view on <paramref name="conn"/>.</summary>
    public static PerfSummary Summarize(DuckDBConnection conn, SummaryRequest request)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(request);
        return SummarizeRecords(conn, ViewRecords, ViewReadings, [new SummaryScope(request, null)])[0];
    }

    /// <summary>
    /// Summarizes several scopes of one set of records at once: the per-request values of each scope in turn (they are
    /// small), and the pooled distributions (every ITL gap, every read lag) of all scopes in one pair of passes over
    /// the readings. <paramref name="records"/>: one row per request (summary_requests.sql names its columns);
    /// <paramref name="readings"/>: one row per successful request with <c>task, t, s, n</c> (its time points, server
    /// stamps and the indices of its readings without content). <see cref="Summarize"/> is this with the <c>requests</c> view as both and one scope.
    /// </summary>
    internal static List<PerfSummary> SummarizeRecords(DuckDBConnection conn, string records, string readings, IReadOnlyList<SummaryScope> scopes)
    {
        var sql = new SqlRunner(conn);
        try
        {
            sql.Execute(sql.Load("summary_requests.sql", ("records", records)));
            var states = scopes.Select(s => Prepare(sql, s)).ToList();
            var live = states.Where(s => s.Done is null).ToList();
            var itl = new List<Dictionary<string, (long N, Dictionary<string, double> Values)>>();
            var contentItl = new List<Dictionary<string, (long N, Dictionary<string, double> Values)>>();
            if (live.Count > 0)
            {
                var columns = live.SelectMany(s => s.Statistics).DistinctBy(c => c.Name).ToList();
                var pooledScopes = live.Select(s => new PooledScope(s.Task, s.First, s.Last, s.First is not null)).ToList();
                itl = new PooledDistribution(sql, ItlGaps, "len(t) >= 3", readings).Compute(pooledScopes, columns);
                if (live.Any(s => s.StageInfo["total"].ContentItlN > 0))
                {
                    contentItl = new PooledDistribution(sql, ContentGaps, "len(t) - 1 - len(n) >= 2", string.Format(CultureInfo.InvariantCulture, ContentReadings, readings))
                        .Compute(pooledScopes, columns);
                }
            }

            var stamped = live.Where(s => s.Stamped > 0).ToList();
            var lags = stamped.Count == 0
                ? []
                : new PooledDistribution(sql, ReadLags, "len(s) > 0", readings)
                    .Compute(stamped.Select(s => new PooledScope(s.Task, null, null, false)).ToList(), StatisticColumn.Parse(["Average", "P50", "P99"]));
            return states.Select(s => s.Done ?? Finish(
                s, itl[live.IndexOf(s)], contentItl.Count > 0 ? contentItl[live.IndexOf(s)] : [], s.Stamped > 0 ? lags[stamped.IndexOf(s)]["total"] : default)).ToList();
        }
        finally
        {
            sql.Execute("DROP TABLE IF EXISTS pb_vals; DROP VIEW IF EXISTS pb_req; DROP TABLE IF EXISTS pb_all;");
        }
    }

    /// <summary>Everything of one scope but the pooled distributions, computed over the temp view <c>pb_req</c> of its rows.</summary>
    private static ScopeState Prepare(SqlRunner sql, SummaryScope scope)
    {
        var request = scope.Request;
        var filter = scope.Task is { } task ? " WHERE task = " + task.ToString(CultureInfo.InvariantCulture) : "";
        sql.Execute("CREATE OR REPLACE TEMP VIEW pb_req AS SELECT * FROM pb_all" + filter);
        var statistics = StatisticColumn.Parse(request.Statistics);
        var notes = new List<string>();
        var state = new ScopeState { Request = request, Task = scope.Task, Statistics = statistics, Notes = notes };
        state.Failures = sql.Rows(sql.Load("summary_failures.sql"))
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
            state.Done = new PerfSummary
            {
                Scope = request.Scope,
                Statistics = statistics.Select(s => s.Name).ToList(),
                Metrics = [],
                Globals = CountsOnly(total, request.MaxConcurrency),
                Failures = state.Failures,
                Notes = notes,
            };
            return state;
        }

        var (first, last) = StableWindow(sql, request, notes);
        state.First = first;
        state.Last = last;
        var fill = new[] { ("first_ns", SqlRunner.Ns(first)), ("last_ns", SqlRunner.Ns(last)) };
        sql.Execute(sql.Load("summary_values.sql", [("by_turn", "false"), .. fill]));
        state.Stages = first is not null ? ["total", "stable"] : ["total"];
        state.PerRequest = PerRequestStatistics(sql, statistics, fill);
        state.Globals = Globals(sql, fill, request, first, last, state.Stages, out var stageInfo);
        state.StageInfo = stageInfo;
        state.SendLagExtras = SendLagExtras(sql, state.PerRequest);
        if (request.Goodput is { } slo)
        {
            state.GoodputExtras = Goodput.Compute(sql, fill, slo, state.Stages, stage => DurationNs(stage, stageInfo[stage], first, last));
        }

        state.CacheExtras = PromptCache.Compute(sql, fill, state.Stages);
        state.Turns = TurnMetrics.Compute(sql, statistics, () =>
        {
            sql.Execute(sql.Load("summary_values.sql", [("by_turn", "true"), .. fill]));
            return PerRequestStatistics(sql, statistics, fill);
        });
        state.Stamped = SqlRunner.Long(sql.Rows("SELECT count(*) FROM pb_req WHERE success AND has_server_stamps")[0][0]);
        sql.Execute("DROP TABLE IF EXISTS pb_vals");
        return state;
    }

    private static PerfSummary Finish(
        ScopeState s,
        Dictionary<string, (long N, Dictionary<string, double> Values)> itl,
        Dictionary<string, (long N, Dictionary<string, double> Values)> contentItl,
        (long N, Dictionary<string, double> Values) lag)
    {
        var metrics = new List<MetricStatistics>();
        var contentMetrics = new List<MetricStatistics>();
        foreach (var stage in s.Stages)
        {
            metrics.AddRange(StageMetrics(stage, s.Statistics, s.PerRequest, itl, s.StageInfo[stage]));
            contentMetrics.AddRange(ContentMetrics(stage, s.Statistics, s.PerRequest, contentItl, s.StageInfo[stage]));
        }

        var extras = s.SendLagExtras.ToList();
        if (lag.N > 0)
        {
            extras.Add(new GlobalValue("Client Read Lag P50", "total", lag.Values["P50"] * 1000, "ms"));
            extras.Add(new GlobalValue("Client Read Lag P99", "total", lag.Values["P99"] * 1000, "ms"));
        }

        var total = s.StageInfo["total"];
        if (s.Request.TargetRate is { } target)
        {
            extras.Add(new GlobalValue("Target Request Rate", "total", target, "req/s"));
            if (total.Sends > 1 && total.LastSendNs > total.FirstSendNs)
            {
                // (sends - 1) / span: exactly the rate of an evenly spaced schedule.
                extras.Add(new GlobalValue("Achieved Request Rate", "total", (total.Sends - 1) / ((total.LastSendNs!.Value - total.FirstSendNs!.Value) / 1e9), "req/s"));
            }
        }

        extras.AddRange(s.GoodputExtras);
        extras.AddRange(s.CacheExtras);
        return new PerfSummary
        {
            Scope = s.Request.Scope,
            Statistics = s.Statistics.Select(c => c.Name).ToList(),
            Metrics = metrics,
            Globals = s.Globals,
            Failures = s.Failures,
            Notes = s.Notes,
            Extras = extras,
            ContentMetrics = contentMetrics,
            Turns = s.Turns,
        };
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

            // TPOT and ITL: the reference's N (requests with a non-zero gap; a non-streamed request has none). Every
            // other metric: the values it was computed over (a non-streamed request has no TTFT).
            var n = metric is "TPOT" or "ITL" ? info.DecodeN : perRequest[(stage, metric)].N;
            yield return new MetricStatistics(metric, stage, kind, Ordered(statistics, values), n);
        }
    }

    /// <summary>
    /// Our content-token rows of a stage (docs/metrics.md): TPOT (content) over the requests that have one, ITL
    /// (content) pooling the gaps between content readings; each N counts the requests its values come from. A row
    /// without values is left out.
    /// </summary>
    private static IEnumerable<MetricStatistics> ContentMetrics(
        string stage,
        IReadOnlyList<StatisticColumn> statistics,
        Dictionary<(string Stage, string Metric), (long N, double Sum, Dictionary<string, double> Values)> perRequest,
        Dictionary<string, (long N, Dictionary<string, double> Values)> contentItl,
        StageInfo info)
    {
        if (perRequest.TryGetValue((stage, "ContentTPOT"), out var tpot) && tpot.N > 0)
        {
            yield return new MetricStatistics(ContentTpotName, stage, MetricKind.Time, Ordered(statistics, tpot.Values), tpot.N);
        }

        if (info.ContentItlN > 0 && contentItl.TryGetValue(stage, out var gaps) && gaps.N > 0)
        {
            yield return new MetricStatistics(ContentItlName, stage, MetricKind.Time, Ordered(statistics, gaps.Values), info.ContentItlN);
        }
    }

    private static List<KeyValuePair<string, double>> Ordered(IReadOnlyList<StatisticColumn> statistics, Dictionary<string, double> values) =>
        statistics.Select(s => new KeyValuePair<string, double>(s.Name, values[s.Name])).ToList();

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
                SqlRunner.Big(r[6]), SqlRunner.Big(r[7]), SqlRunner.Long(r[8]), SqlRunner.NullableLong(r[9]), SqlRunner.NullableLong(r[10]), SqlRunner.Long(r[11]),
                SqlRunner.Long(r[12]));
        }

        var byKey = new List<(string Key, string Stage, GlobalValue Value)>();
        foreach (var stage in stages)
        {
            var s = info[stage];
            // Duration: max(end) - min(start) of the successful requests; stable: last - first of the window.
            var durationNs = DurationNs(stage, s, first, last);
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

    private static long DurationNs(string stage, StageInfo s, long? first, long? last) =>
        stage == "stable" ? last!.Value - first!.Value : s.LastEndNs!.Value - s.FirstStartNs!.Value;

    private static List<GlobalValue> SendLagExtras(SqlRunner sql, Dictionary<(string Stage, string Metric), (long N, double Sum, Dictionary<string, double> Values)> perRequest)
    {
        var extras = new List<GlobalValue>();
        var p50p99 = StatisticColumn.Parse(["Average", "P50", "P99"]);
        if (perRequest.ContainsKey(("total", "SendLag")))
        {
            var lag = Percentiles(sql, "SendLag", perRequest[("total", "SendLag")].N, p50p99);
            extras.Add(new GlobalValue("Send Lag P50", "total", lag[1] * 1000, "ms"));
            extras.Add(new GlobalValue("Send Lag P99", "total", lag[2] * 1000, "ms"));
            var sched = Percentiles(sql, "ScheduledE2EL", perRequest[("total", "ScheduledE2EL")].N, p50p99);
            extras.Add(new GlobalValue("Scheduled E2EL Average", "total", sched[0] * 1000, "ms"));
            extras.Add(new GlobalValue("Scheduled E2EL P50", "total", sched[1] * 1000, "ms"));
            extras.Add(new GlobalValue("Scheduled E2EL P99", "total", sched[2] * 1000, "ms"));
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

    private sealed class ScopeState
    {
        public required SummaryRequest Request { get; init; }

        public int? Task { get; init; }

        public required IReadOnlyList<StatisticColumn> Statistics { get; init; }

        public required List<string> Notes { get; init; }

        public List<FailureCount> Failures { get; set; } = [];

        public PerfSummary? Done { get; set; }

        public long? First { get; set; }

        public long? Last { get; set; }

        public string[] Stages { get; set; } = [];

        public Dictionary<(string Stage, string Metric), (long N, double Sum, Dictionary<string, double> Values)> PerRequest { get; set; } = [];

        public List<GlobalValue> Globals { get; set; } = [];

        public Dictionary<string, StageInfo> StageInfo { get; set; } = [];

        public List<GlobalValue> SendLagExtras { get; set; } = [];

        public List<GlobalValue> GoodputExtras { get; set; } = [];

        public List<GlobalValue> CacheExtras { get; set; } = [];

        public List<MetricStatistics> Turns { get; set; } = [];

        public long Stamped { get; set; }
    }

    private sealed record StageInfo(long Total, long Ok, long? FirstStartNs, long? LastEndNs, BigInteger E2elNs, BigInteger InputTokens, BigInteger OutputTokens, long DecodeN, long? FirstSendNs, long? LastSendNs, long Sends, long ContentItlN);
}
