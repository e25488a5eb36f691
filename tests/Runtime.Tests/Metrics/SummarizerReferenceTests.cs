using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;
using PodBench.Runtime.Tests.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Metrics;

/// <summary>
/// The SQL summarizer against a direct in-memory computation of the reference's formulas (sort, numpy's
/// percentile), on random requests whose gaps spread over many coarse buckets and repeat within them.
/// </summary>
public sealed class SummarizerReferenceTests
{
    private static readonly string[] Stats = ["Average", "Min", "Max", "Median", "P1", "P33", "P90", "P99"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Matches_a_direct_computation(int seed)
    {
        var rng = new Random(seed);
        var records = new List<RequestRecord>();
        for (var i = 0; i < 150; i++)
        {
            var start = rng.NextInt64(0, 5_000_000_000);
            var events = rng.Next(1, 40);
            var t = new List<long> { start };
            var now = start + rng.NextInt64(1, 400_000_000);
            t.Add(now);
            for (var e = 0; e < events; e++)
            {
                // Gaps 0..~200 ms, many sharing a 65.5 us bucket, some exactly equal, some zero.
                now += rng.Next(4) == 0 ? 70_000 + rng.Next(50) : rng.NextInt64(0, 200_000_000);
                t.Add(now);
            }

            records.Add(TempRun.Ns(i, rng.Next(1, 2000), rng.Next(1, 60), t.ToArray()));
        }

        using var run = new TempRun();
        await run.WriteAsync(records);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", new SummaryRequest { Scope = "m/d", Statistics = Stats, Stable = false });

        var e2el = records.Select(r => (double)(r.TimePointsNs[^1] - r.TimePointsNs[0]) / 1e9).ToList();
        var ttft = records.Select(r => (double)(r.TimePointsNs[1] - r.TimePointsNs[0]) / 1e9).ToList();
        var tpot = records.Select(r => r.OutputTokens > 1 ? (double)(r.TimePointsNs[^1] - r.TimePointsNs[0] - (r.TimePointsNs[1] - r.TimePointsNs[0])) / 1e9 / (r.OutputTokens - 1) : 0.0).ToList();
        var gapsNs = records.SelectMany(r => r.TimePointsNs.Skip(1).Zip(r.TimePointsNs.Skip(2), (a, b) => b - a)).ToList();
        var outTp = records.Select(r => r.OutputTokens / ((double)(r.TimePointsNs[^1] - r.TimePointsNs[0]) / 1e9)).ToList();

        Check(s, "E2EL", e2el);
        Check(s, "TTFT", ttft);
        Check(s, "TPOT", tpot);
        Check(s, "OutputTokenThroughput", outTp);
        Check(s, "InputTokens", records.Select(r => (double)r.InputTokens).ToList());
        Check(s, "ITL", gapsNs.Select(g => g / 1e9).ToList());
        Assert.Equal(records.Count(r => r.TimePointsNs.Skip(1).Distinct().Count() > 1), s.Metrics.Single(m => m.Metric == "ITL").N);
    }

    [Fact]
    public async Task A_merge_of_two_pods_reads_every_file_and_uses_the_given_limit()
    {
        using var run = new TempRun();
        var w0 = TaskResultWriter.Open(run.Layout, 0, "a", "x");
        await w0.WriteAsync(Rec("a", 0, 0, 0, 100, 200));
        await w0.CompleteAsync();
        var w1 = TaskResultWriter.Open(run.Layout, 1, "b", "x");
        await w1.WriteAsync(Rec("b", 1, 0, 50, 150, 400));
        await w1.CloseWithoutConversionAsync(); // pod 1 left its journal

        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        RecordViews.CreateRequestsView(conn, [run.Layout.DetailsFile("a", "x"), run.Layout.DetailsFile("b", "x")], RecordViews.DbDataFilesIn([run.Layout.DbDataFolder("a"), run.Layout.DbDataFolder("b")]));
        RecordViews.CreateTasksTable(conn, [("a", "x", 0, 3), ("b", "x", 1, 5)]);
        var s = Summarizer.Summarize(conn, new SummaryRequest { Scope = "merge_results/merged", MaxConcurrency = 8 });

        Assert.Equal("400.0 ms", CompatibleFormat.Global(s.Globals.Single(g => g.Key == "Benchmark Duration")));
        Assert.Equal("8", CompatibleFormat.Global(s.Globals.Single(g => g.Key == "Max Concurrency")));
        Assert.Equal(2, s.Metrics.Single(m => m.Metric == "E2EL").N);
    }

    [Fact]
    public async Task A_journal_with_a_parquet_twin_is_not_counted_twice()
    {
        using var run = new TempRun();
        var w = TaskResultWriter.Open(run.Layout, 0, "m", "d");
        await w.WriteAsync(TempRun.Ms(0, 1, 2, 0, 10, 20));
        await w.CloseWithoutConversionAsync();
        var journalCopy = File.ReadAllText(w.JournalPath);
        await Task.Run(() => File.WriteAllText(w.JournalPath, journalCopy));
        using (var conn = new DuckDBConnection("Data Source=:memory:"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"COPY (SELECT '{w.DbName}' AS db_name, 1::BIGINT AS row, 'u' AS uuid, [{TempRun.Base}, {TempRun.Base + 10_000_000}, {TempRun.Base + 20_000_000}]::BIGINT[] AS time_points_ns, []::BIGINT[] AS server_time_points_ns) TO '{w.ParquetPath}' (FORMAT parquet)";
            cmd.ExecuteNonQuery();
        }

        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", new SummaryRequest { Scope = "m/d" });
        Assert.Equal("1", CompatibleFormat.Global(s.Globals.Single(g => g.Key == "Total Requests")));
    }

    private static RequestRecord Rec(string model, int pod, long id, params double[] ms)
    {
        var r = TempRun.Ms(id, 3, 2, ms);
        return new RequestRecord { ModelAbbr = model, DataAbbr = "x", Pod = pod, Id = id, Uuid = r.Uuid, Success = true, TimePointsNs = r.TimePointsNs, InputTokens = 3, OutputTokens = 2 };
    }

    private static void Check(PerfSummary s, string metric, List<double> values)
    {
        var row = s.Metrics.Single(m => m.Metric == metric && m.Stage == "total").Values.ToDictionary(v => v.Key, v => v.Value);
        var sorted = values.OrderBy(v => v).ToArray();
        Assert.Equal(sorted.Average(), row["Average"], 1e-9);
        Assert.Equal(sorted[0], row["Min"]);
        Assert.Equal(sorted[^1], row["Max"]);
        foreach (var (name, p) in new[] { ("Median", 50), ("P1", 1), ("P33", 33), ("P90", 90), ("P99", 99) })
        {
            Assert.Equal(NumpyPercentileOf(sorted, p), row[name]);
        }
    }

    /// <summary>np.percentile(sorted, p), written out independently of the production helper.</summary>
    private static double NumpyPercentileOf(double[] sorted, int p)
    {
        var index = (sorted.Length - 1) * (p / 100.0);
        var lo = (int)Math.Floor(index);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var g = index - lo;
        var a = sorted[lo];
        var b = sorted[hi];
        return g >= 0.5 ? b - ((b - a) * (1 - g)) : a + ((b - a) * g);
    }
}
