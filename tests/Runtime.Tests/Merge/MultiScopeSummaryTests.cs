using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>
/// The merge summarizes every scope (the merge and each task, both stages) in one pass over the readings; each of
/// its summaries must equal the one-scope summary of the same rows through the <c>requests</c> view.
/// </summary>
public sealed class MultiScopeSummaryTests
{
    private const long T0 = 1_767_225_600_000_000_000;

    /// <summary>Closed loop of <paramref name="slots"/> slots; gaps, TTFT and token counts vary; with <paramref name="failures"/> some requests fail.</summary>
    private static List<FixtureRequest> Pod(int pod, int slots, int perSlot, bool scheduled, bool failures = true)
    {
        var list = new List<FixtureRequest>();
        for (var slot = 0; slot < slots; slot++)
        {
            var t = T0 + (pod * 1_300_000L) + (slot * 4_100_000L);
            for (var k = 0; k < perSlot; k++)
            {
                var i = (slot * perSlot) + k;
                var ttft = 20_000_000L + (((i * 7919) + (pod * 104_729)) % 30_000_000);
                var gaps = 3 + ((i + pod) % 9);
                var gap = 2_000_000L + (((i * 31) + (pod * 17)) % 11) * 450_000L + (i % 3);
                var fail = failures && (i + pod) % 13 == 5;
                list.Add(new FixtureRequest(t, ttft, gaps, gap, 100 + (i % 50), gaps + 1, Success: !fail, Error: fail ? "HTTP 500" : "", ScheduledNs: scheduled ? t - 1_000_000 - (i % 4) * 100_000 : 0));
                t += fail ? 5_000_000 : ttft + (gaps * gap) + 500_000;
            }
        }

        return list;
    }

    /// <param name="failures">
    /// Whether some requests fail. A failed request's readings are in db_data too, so the merge must join the readings
    /// to the successful records to drop them; with no failure every db_data row is a successful record's and the
    /// merge reads the readings without that join. Both paths must give every scope's own summary.
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryScopeOfTheOnePassMergeEqualsItsOwnSummary(bool failures)
    {
        using var run = new RunFixture();
        run.WritePlan(pods: 3, concurrency: 3);
        run.WritePod(0, Pod(0, 3, 14, scheduled: false, failures), concurrency: 3);
        run.WritePod(1, Pod(1, 3, 11, scheduled: true, failures), concurrency: 3);
        run.WritePod(2, Pod(2, 3, 9, scheduled: false, failures), concurrency: 3);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });

        var layout = new RunLayout(run.RunDir);
        var statistics = new[] { "Average", "Min", "Max", "Median", "P75", "P90", "P99" };
        Assert.Equal(3, outcome.Document.Tasks.Count);
        for (var pod = 0; pod < 3; pod++)
        {
            var model = "m" + pod;
            var own = SummarizeAlone([model], layout, new SummaryRequest { Scope = model + "/ds", Statistics = statistics, MaxConcurrency = 3 });
            Assert.Contains(own.Metrics, m => m.Stage == "stable");
            AssertSame(own, outcome.Document.Tasks[pod]);
        }

        var all = SummarizeAlone(["m0", "m1", "m2"], layout, new SummaryRequest { Scope = "merge_results/merged", Statistics = statistics, MaxConcurrency = 9 });
        Assert.Contains(all.Metrics, m => m.Metric == "ITL" && m.Stage == "stable");
        Assert.Equal(failures, all.Failures.Any(f => f.Reason == "HTTP 500"));
        AssertSame(all, outcome.Merged with { Extras = outcome.Merged.Extras.Where(e => !e.Key.StartsWith("Pods ", StringComparison.Ordinal)).ToList() });

        // The merge database's requests view gives back every reading.
        using var conn = new DuckDBConnection("Data Source=" + outcome.DatabasePath + ";ACCESS_MODE=READ_ONLY");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT count(*), sum(len(time_points_ns)) FILTER (WHERE success)::BIGINT, count(*) FILTER (WHERE NOT success) FROM requests";
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        var requests = new[] { 0, 1, 2 }.Select(p => Pod(p, 3, p switch { 0 => 14, 1 => 11, _ => 9 }, false, failures)).SelectMany(r => r).ToList();
        Assert.Equal(requests.Count, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(requests.Where(r => r.Success).Sum(r => (long)r.TimePoints().Length), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(requests.Count(r => !r.Success), Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));

        var readings = MergedRecords.Readings(conn, MergedRecords.Table(conn, "records"), RecordViews.DbSource(outcome.Files.Where(f => f.EndsWith(".parquet", StringComparison.Ordinal) && Path.GetFileName(f) != "requests.parquet").ToList()));
        Assert.Equal(failures, readings.Contains("JOIN", StringComparison.Ordinal));
    }

    private static PerfSummary SummarizeAlone(IReadOnlyList<string> models, RunLayout layout, SummaryRequest request)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        RecordViews.CreateRequestsView(conn, models.Select(m => layout.DetailsFile(m, "ds")), RecordViews.DbDataFilesIn(models.Select(layout.DbDataFolder)));
        return Summarizer.Summarize(conn, request);
    }

    private static void AssertSame(PerfSummary expected, PerfSummary actual)
    {
        Assert.Equal(expected.Scope, actual.Scope);
        Assert.Equal(expected.Statistics, actual.Statistics);
        Assert.Equal(expected.Notes, actual.Notes);
        Assert.Equal(expected.Failures, actual.Failures);
        Assert.Equal(expected.Metrics.Select(m => (m.Metric, m.Stage, m.Kind, m.N)), actual.Metrics.Select(m => (m.Metric, m.Stage, m.Kind, m.N)));
        foreach (var (e, a) in expected.Metrics.Zip(actual.Metrics))
        {
            Assert.Equal(e.Values.Select(v => v.Key), a.Values.Select(v => v.Key));
            foreach (var (ev, av) in e.Values.Zip(a.Values))
            {
                Close(ev.Value, av.Value, $"{e.Metric} {e.Stage} {ev.Key}");
            }
        }

        foreach (var (e, a) in new[] { (expected.Globals, actual.Globals), (expected.Extras, actual.Extras) })
        {
            Assert.Equal(e.Select(g => (g.Key, g.Stage, g.Unit, g.Integer)), a.Select(g => (g.Key, g.Stage, g.Unit, g.Integer)));
            foreach (var (eg, ag) in e.Zip(a))
            {
                Close(eg.Value, ag.Value, $"{eg.Key} {eg.Stage}");
            }
        }
    }

    /// <summary>Equal up to the last bits of a float sum (DuckDB may add in another order).</summary>
    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
