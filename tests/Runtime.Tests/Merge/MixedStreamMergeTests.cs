using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Reports;
using Xunit;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>One pod streaming and one not: a request without a TTFT has no place in a TTFT statistic.</summary>
public sealed class MixedStreamMergeTests
{
    private const long T0 = 1_767_225_600_000_000_000;
    private const long Ms = 1_000_000;

    /// <summary>Writes the plan and the two pods of the table above into <paramref name="run"/>.</summary>
    internal static void WritePods(RunFixture run)
    {
        run.WritePlan(pods: 2, concurrency: 2, stable: false);
        run.WritePod(0,
        [
            new FixtureRequest(T0, 10 * Ms, 3, 5 * Ms, 100, 4),
                new FixtureRequest(T0 + (5 * Ms), 20 * Ms, 2, 11 * Ms, 100, 3),
                new FixtureRequest(T0 + (30 * Ms), 30 * Ms, 1, 21 * Ms, 600, 2),
                new FixtureRequest(T0 + (40 * Ms), 40 * Ms, 4, 3 * Ms, 100, 5),
            ], concurrency: 2);
        run.WritePod(1,
        [
            new FixtureRequest(T0 + (2 * Ms), 60 * Ms, 0, 0, 50, 30, Stream: false),
                new FixtureRequest(T0 + (20 * Ms), 90 * Ms, 0, 0, 60, 40, Stream: false),
                new FixtureRequest(T0 + (70 * Ms), 30 * Ms, 0, 0, 70, 20, Stream: false),
            ], concurrency: 2);
    }

    /// <summary>
    /// Readings in ms after T0.
    /// <code>
    ///   pod 0, streamed      readings                   E2EL TTFT TPOT (E2EL-TTFT)/(out-1)  gaps     in   out
    ///     S1                 [0,10,15,20,25]             25   10   15/3 = 5                5,5,5    100  4
    ///     S2                 [5,25,36,47]                42   20   22/2 = 11               11,11    100  3
    ///     S3                 [30,60,81]                  51   30   21/1 = 21               21       600  2
    ///     S4                 [40,80,83,86,89,92]         52   40   12/4 = 3                3,3,3,3  100  5
    ///   pod 1, not streamed (no TTFT, TPOT, PrefillTokenThroughput, ITL)
    ///     N1                 [2,62]                      60                                         50   30
    ///     N2                 [20,110]                    90                                         60   40
    ///     N3                 [70,100]                    30                                         70   20
    /// </code>
    /// Percentiles: np.percentile's linear rule, rank (n-1)p, a+(b-a)g for g &lt; .5 else b-(b-a)(1-g); each value
    /// rounded to 4 decimals in s, then shown in ms.
    /// - E2EL, n 7, sorted [25,30,42,51,52,60,90]: avg 350/7 = 50; median x3 = 51; P75 r4.5: 60-8*.5 = 56;
    ///   P90 r5.4: 60+30*.4 = 72; P99 r5.94: 90-30*.06 = 88.2.
    /// - TTFT, n 4 (the streamed requests only), [10,20,30,40]: avg 25; median r1.5: 25; P75 r2.25: 30+10*.25 = 32.5;
    ///   P90 r2.7: 40-10*.3 = 37; P99 r2.97: 40-10*.03 = 39.7.
    /// - TPOT, n 4, [3,5,11,21]: avg 40/4 = 10; median r1.5: 8; P75 r2.25: 11+10*.25 = 13.5; P90 r2.7: 21-10*.3 = 18;
    ///   P99 r2.97: 21-10*.03 = 20.7. N 4 (streamed requests with a non-zero gap).
    /// - ITL, gaps [3,3,3,3,5,5,5,11,11,21], n 10: avg 70/10 = 7; median r4.5: 5; P75 r6.75: 11-6*.25 = 9.5;
    ///   P90 r8.1: 11+10*.1 = 12; P99 r8.91: 21-10*.09 = 20.1. N 4.
    /// - InputTokens [50,60,70,100,100,100,600]: avg 1080/7 = 154.285714; median 100; P75 r4.5: 100; P90 r5.4:
    ///   100+500*.4 = 300; P99 r5.94: 600-500*.06 = 570.
    /// - OutputTokens [2,3,4,5,20,30,40]: avg 104/7 = 14.857143; median 5; P75 r4.5: 25; P90 r5.4: 34; P99 r5.94: 39.4.
    /// - OutputTokenThroughput out/E2EL: [2/.051 = 39.215686, 3/.042 = 71.428571, 5/.052 = 96.153846, 4/.025 = 160,
    ///   40/.09 = 444.444444, 30/.06 = 500, 20/.03 = 666.666667]: avg 1977.909215/7 = 282.558459; median 160;
    ///   P75 r4.5: 500-55.555556*.5 = 472.222222; P90 r5.4: 500+166.666667*.4 = 566.666667; P99 r5.94:
    ///   666.666667-166.666667*.06 = 656.666667.
    /// - PrefillTokenThroughput in/TTFT, n 4: [100/.04 = 2500, 100/.02 = 5000, 100/.01 = 10000, 600/.03 = 20000]:
    ///   avg 37500/4 = 9375; median r1.5: 7500; P75 r2.25: 10000+10000*.25 = 12500; P90 r2.7: 20000-10000*.3 = 17000;
    ///   P99 r2.97: 20000-10000*.03 = 19700.
    /// Globals: duration max(end) 110 - min(start) 0 = 110 ms; Concurrency 350/110 = 3.1818; 7/.11 = 63.6364 req/s;
    /// tokens 1080 in, 104 out: 9818.1818, 945.4545 and 10763.6364 token/s.
    /// </summary>
    [Fact]
    public void Merge_of_a_streamed_and_a_non_streamed_pod_matches_the_hand_worked_table()
    {
        using var run = new RunFixture();
        WritePods(run);

        var outcome = RunMerger.Merge(new MergeOptions { RunDirectory = run.RunDir });

        Assert.Equal(
        [
            "Performance Parameters,Stage,Average,Min,Max,Median,P75,P90,P99,N",
            "E2EL,total,50.0 ms,25.0 ms,90.0 ms,51.0 ms,56.0 ms,72.0 ms,88.2 ms,7",
            "TTFT,total,25.0 ms,10.0 ms,40.0 ms,25.0 ms,32.5 ms,37.0 ms,39.7 ms,4",
            "TPOT,total,10.0 ms,3.0 ms,21.0 ms,8.0 ms,13.5 ms,18.0 ms,20.7 ms,4",
            "ITL,total,7.0 ms,3.0 ms,21.0 ms,5.0 ms,9.5 ms,12.0 ms,20.1 ms,4",
            "InputTokens,total,154.2857,50.0,600.0,100.0,100.0,300.0,570.0,7",
            "OutputTokens,total,14.8571,2.0,40.0,5.0,25.0,34.0,39.4,7",
            "OutputTokenThroughput,total,282.5585 token/s,39.2157 token/s,666.6667 token/s,160.0 token/s,472.2222 token/s,566.6667 token/s,656.6667 token/s,7",
            "PrefillTokenThroughput,total,9375.0 token/s,2500.0 token/s,20000.0 token/s,7500.0 token/s,12500.0 token/s,17000.0 token/s,19700.0 token/s,4",
        ],
            File.ReadAllLines(Path.Combine(outcome.OutputDirectory, "merged.csv")));

        var json = File.ReadAllText(Path.Combine(outcome.OutputDirectory, "merged.json"));
        foreach (var expected in new[]
        {
            "\"Benchmark Duration\": {\n        \"total\": \"110.0 ms\"", "\"Concurrency\": {\n        \"total\": 3.1818", "\"Max Concurrency\": {\n        \"total\": 4",
            "\"Request Throughput\": {\n        \"total\": \"63.6364 req/s\"", "\"Total Input Tokens\": {\n        \"total\": 1080", "\"Total Generated Tokens\": {\n        \"total\": 104",
            "\"Input Token Throughput\": {\n        \"total\": \"9818.1818 token/s\"", "\"Output Token Throughput\": {\n        \"total\": \"945.4545 token/s\"",
            "\"Total Token Throughput\": {\n        \"total\": \"10763.6364 token/s\"",
        })
        {
            Assert.Contains(expected, json.ReplaceLineEndings("\n"), System.StringComparison.Ordinal);
        }

        // Each pod's task keeps its own table: the non-streamed one has no TTFT, TPOT, ITL or PrefillTokenThroughput.
        var pod1 = outcome.Document.Tasks.Single(t => t.Scope == "m1/ds");
        Assert.Equal(["E2EL", "InputTokens", "OutputTokens", "OutputTokenThroughput"], pod1.Metrics.Select(m => m.Metric).ToArray());
        Assert.Empty(pod1.ContentMetrics);

        // The content rows count the streamed requests only; every reading of the fixture carried content, so they
        // equal the reference's here (TPOT (content) = (last - first reading) / (out - 1)).
        Assert.Equal([("TPOT (content)", 4L), ("ITL (content)", 4L)], outcome.Merged.ContentMetrics.Select(m => (m.Metric, m.N)).ToArray());
        Assert.Equal(0.007, outcome.Merged.ContentMetrics.Single(m => m.Metric == "ITL (content)").Values.Single(v => v.Key == "Average").Value, 12);

        // merged.duckdb: the records carry the content scalars, the requests view the marks.
        using var db = new DuckDBConnection("Data Source=" + outcome.DatabasePath + ";ACCESS_MODE=READ_ONLY");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT string_agg(pod || ':' || content_readings || ':' || ((content_last_ns - content_first_ns) // 1000000), ' ' ORDER BY pod, start_ns) FROM records WHERE stream";
        Assert.Equal("0:4:15 0:3:22 0:2:21 0:5:12", (string)cmd.ExecuteScalar()!);
        cmd.CommandText = "SELECT count(*) FROM requests WHERE noncontent_readings = []";
        Assert.Equal(7L, (long)cmd.ExecuteScalar()!);
        db.Close();

        // The report: the content rows after the reference's, and no TTFT for the pod that streamed nothing.
        var md = File.ReadAllText(ReportRenderer.Render(run.RunDir, new ReportOptions { AppendStepSummary = false }).MarkdownPath);
        Assert.Contains("| TTFT | 25.0 ms | 10.0 ms | 40.0 ms | 25.0 ms | 32.5 ms | 37.0 ms | 39.7 ms | 4 |", md, System.StringComparison.Ordinal);
        Assert.Contains("| ITL (content) | 7.0 ms | 3.0 ms | 21.0 ms | 5.0 ms | 9.5 ms | 12.0 ms | 20.1 ms | 4 |", md, System.StringComparison.Ordinal);
        Assert.Contains("| 1 | host-a | 3 | 3 | 0 | 2 | n/a | n/a | 60.0 ms |", md, System.StringComparison.Ordinal);
    }
}
