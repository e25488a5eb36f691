using System.Linq;
using System.Threading.Tasks;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;
using PodBench.Runtime.Tests.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Metrics;

public sealed class SummarizerTests
{
    private static readonly SummaryRequest Request = new() { Scope = "m/d", MaxConcurrency = 2 };

    /// <summary>Writes the four requests and the failure of <see cref="Hand_worked_four_requests"/>.</summary>
    internal static Task WriteHandWorkedAsync(TempRun run) => run.WriteAsync(
    [
        TempRun.Ms(0, 10, 4, 0, 100, 150, 200, 260),
        TempRun.Ms(1, 20, 3, 50, 130, 170, 230),
        TempRun.Failed(4, "chunk size is less than 2", 100),
        TempRun.Ms(2, 30, 2, 210, 300, 330),
        TempRun.Ms(3, 40, 1, 240, 260, 360),
    ]);

    /// <summary>
    /// Four successful streamed requests and one failure (readings in ms after a common base):
    /// <code>
    ///   R1 t=[0,100,150,200,260] in 10 out 4: E2EL .26  TTFT .10  TPOT (.26-.10)/3=.053333  gaps 50,50,60
    ///   R2 t=[50,130,170,230]    in 20 out 3: E2EL .18  TTFT .08  TPOT (.18-.08)/2=.05      gaps 40,60
    ///   R3 t=[210,300,330]       in 30 out 2: E2EL .12  TTFT .09  TPOT .03/1=.03            gaps 30
    ///   R4 t=[240,260,360]       in 40 out 1: E2EL .12  TTFT .02  TPOT 0 (out &lt;= 1)        gaps 100
    ///   F5 t=[100]  failed: counted in Total/Failed only.
    /// </code>
    /// Percentiles of 4 sorted values x0..x3: rank (n-1)p = 3p. Median 1.5, P75 2.25, P90 2.7, P99 2.97.
    /// </summary>
    [Fact]
    public async Task Hand_worked_four_requests()
    {
        using var run = new TempRun();
        await WriteHandWorkedAsync(run);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request);

        Assert.Equal(["Average", "Min", "Max", "Median", "P75", "P90", "P99"], s.Statistics);

        // E2EL sorted [.12,.12,.18,.26]: avg .68/4=.17; median .12+.5*.06=.15; P75 .18+.25*.08=.20;
        // P90 .26-.3*.08=.236; P99 .26-.03*.08=.2576.
        Assert.Equal("170.0 ms | 120.0 ms | 260.0 ms | 150.0 ms | 200.0 ms | 236.0 ms | 257.6 ms | N=4", SummaryAssert.Row(s, "E2EL"));

        // TTFT sorted [.02,.08,.09,.10]: avg .29/4=.0725; median .085; P75 .0925; P90 .1-.3*.01=.097; P99 .0997.
        Assert.Equal("72.5 ms | 20.0 ms | 100.0 ms | 85.0 ms | 92.5 ms | 97.0 ms | 99.7 ms | N=4", SummaryAssert.Row(s, "TTFT"));

        // TPOT sorted [0,.03,.05,.053333]: avg .133333/4=.033333 -> .0333; median .04; P75 .05+.25*.003333=.050833 -> .0508;
        // P90 .053333-.3*.003333=.052333 -> .0523; P99 .053333-.03*.003333=.053233 -> .0532. N = 4 (every request has a non-zero gap).
        Assert.Equal("33.3 ms | 0.0 ms | 53.3 ms | 40.0 ms | 50.8 ms | 52.3 ms | 53.2 ms | N=4", SummaryAssert.Row(s, "TPOT"));

        // ITL pools the gaps [30,40,50,50,60,60,100] ms, n=7, rank 6p: avg 390/7=55.714 -> .0557; median rank 3 = 50;
        // P75 rank 4.5 = 60; P90 rank 5.4 = 60+.4*40 = 76; P99 rank 5.94 = 100-.06*40 = 97.6.
        Assert.Equal("55.7 ms | 30.0 ms | 100.0 ms | 50.0 ms | 60.0 ms | 76.0 ms | 97.6 ms | N=4", SummaryAssert.Row(s, "ITL"));

        // Tokens [10,20,30,40] and [1,2,3,4]: bare floats.
        Assert.Equal("25.0 | 10.0 | 40.0 | 25.0 | 32.5 | 37.0 | 39.7 | N=4", SummaryAssert.Row(s, "InputTokens"));
        Assert.Equal("2.5 | 1.0 | 4.0 | 2.5 | 3.25 | 3.7 | 3.97 | N=4", SummaryAssert.Row(s, "OutputTokens"));

        // OutputTokenThroughput = out/E2EL: [1/.12=8.3333, 4/.26=15.3846, 3/.18=16.6667, 2/.12=16.6667];
        // avg 57.0513/4=14.2628; median 15.3846+.5*1.2821=16.0256.
        Assert.Equal("14.2628 token/s | 8.3333 token/s | 16.6667 token/s | 16.0256 token/s | 16.6667 token/s | 16.6667 token/s | 16.6667 token/s | N=4", SummaryAssert.Row(s, "OutputTokenThroughput"));

        // PrefillTokenThroughput = in/TTFT: [10/.1=100, 20/.08=250, 30/.09=333.3333, 40/.02=2000]; avg 2683.3333/4=670.8333;
        // median 333.3333-.5*83.3333=291.6667; P75 333.3333+.25*1666.6667=750; P90 2000-.3*1666.6667=1500; P99 2000-.03*1666.6667=1950.
        Assert.Equal("670.8333 token/s | 100.0 token/s | 2000.0 token/s | 291.6667 token/s | 750.0 token/s | 1500.0 token/s | 1950.0 token/s | N=4", SummaryAssert.Row(s, "PrefillTokenThroughput"));

        // Globals: the failure adds nothing to the duration: max(end)=360 - min(start)=0 -> 360 ms.
        Assert.Equal(
            ["Benchmark Duration", "Total Requests", "Failed Requests", "Success Requests", "Concurrency", "Max Concurrency", "Request Throughput", "Total Input Tokens", "Total Generated Tokens", "Input Token Throughput", "Output Token Throughput", "Total Token Throughput"],
            s.Globals.Select(g => g.Key).ToArray());
        Assert.Equal("360.0 ms", SummaryAssert.Global(s, "Benchmark Duration"));
        Assert.Equal("5", SummaryAssert.Global(s, "Total Requests"));
        Assert.Equal("1", SummaryAssert.Global(s, "Failed Requests"));
        Assert.Equal("4", SummaryAssert.Global(s, "Success Requests"));
        Assert.Equal("1.8889", SummaryAssert.Global(s, "Concurrency")); // .68 / .36
        Assert.Equal("2", SummaryAssert.Global(s, "Max Concurrency"));
        Assert.Equal("11.1111 req/s", SummaryAssert.Global(s, "Request Throughput")); // 4 / .36
        Assert.Equal("100", SummaryAssert.Global(s, "Total Input Tokens"));
        Assert.Equal("10", SummaryAssert.Global(s, "Total Generated Tokens"));
        Assert.Equal("277.7778 token/s", SummaryAssert.Global(s, "Input Token Throughput")); // 100 / .36
        Assert.Equal("27.7778 token/s", SummaryAssert.Global(s, "Output Token Throughput"));
        Assert.Equal("305.5556 token/s", SummaryAssert.Global(s, "Total Token Throughput")); // 110 / .36

        // With limit 2 the in-flight count goes 1,2 (first start at max),3,2,3,2,1,0: no second start at the limit.
        Assert.DoesNotContain(s.Metrics, m => m.Stage == "stable");
        Assert.Contains(s.Notes, n => n.Contains("No stable stage", System.StringComparison.Ordinal));
        Assert.Equal([new FailureCount("chunk size is less than 2", 1)], s.Failures);
    }

    /// <summary>
    /// Limit 2; ends come before starts at equal times. Sweep (ms): 0 S1 ->1; 10 S2 ->2 (first start at max);
    /// 100 E1 ->1; 100 S3 ->2 (second: first = 100); 150 E2 ->1; 150 S4 ->2; 220 E3 ->1; 220 S5 ->2 (last = 220);
    /// 260 E4 ->1; 300 E5 ->0. Stable: R3, R4, R5 (starts in [100, 220]) and the failure sent at 130.
    /// </summary>
    [Fact]
    public async Task Stable_stage_on_a_hand_built_schedule()
    {
        using var run = new TempRun();
        await run.WriteAsync(
        [
            TempRun.Ms(0, 100, 10, 0, 40, 100),    // E2EL 100
            TempRun.Ms(1, 100, 10, 10, 50, 150),   // 140
            TempRun.Ms(2, 100, 10, 100, 130, 220), // 120
            TempRun.Ms(3, 100, 10, 150, 200, 260), // 110
            TempRun.Ms(4, 100, 10, 220, 250, 300), // 80
            TempRun.Failed(5, "HTTP 500: overloaded", 130, 131),
        ]);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request);

        Assert.Empty(s.Notes);
        Assert.Equal("120.0 ms", SummaryAssert.Global(s, "Benchmark Duration", "stable")); // 220 - 100
        Assert.Equal("4", SummaryAssert.Global(s, "Total Requests", "stable"));
        Assert.Equal("1", SummaryAssert.Global(s, "Failed Requests", "stable"));
        Assert.Equal("3", SummaryAssert.Global(s, "Success Requests", "stable"));

        // (120 + 110 + 80) / 120 = 2.5833 > 2: capped at the limit, an int as in the reference's min(round(x, 4), 2).
        Assert.Equal("2", SummaryAssert.Global(s, "Concurrency", "stable"));
        Assert.Equal("25.0 req/s", SummaryAssert.Global(s, "Request Throughput", "stable")); // 3 / .12
        Assert.Equal("300", SummaryAssert.Global(s, "Total Input Tokens", "stable"));
        Assert.Equal("2500.0 token/s", SummaryAssert.Global(s, "Input Token Throughput", "stable"));

        // Total: 300 ms, (100+140+120+110+80)/300 = 1.8333.
        Assert.Equal("300.0 ms", SummaryAssert.Global(s, "Benchmark Duration"));
        Assert.Equal("1.8333", SummaryAssert.Global(s, "Concurrency"));
        Assert.Equal("6", SummaryAssert.Global(s, "Total Requests"));

        // Stable E2EL [80,110,120]: avg 103.3333 -> .1033; median 110; P75 rank 1.5 = 115; P90 rank 1.8 = 120-.2*10 = 118;
        // P99 rank 1.98 = 120 - .02*10 = 119.8.
        Assert.Equal("103.3 ms | 80.0 ms | 120.0 ms | 110.0 ms | 115.0 ms | 118.0 ms | 119.8 ms | N=3", SummaryAssert.Row(s, "E2EL", "stable"));

        // Rows: every metric of total, then of stable; globals key-major (total, stable).
        Assert.Equal(16, s.Metrics.Count);
        Assert.All(s.Metrics.Take(8), m => Assert.Equal("total", m.Stage));
        Assert.Equal(["total", "stable"], s.Globals.Where(g => g.Key == "Concurrency").Select(g => g.Stage).ToArray());
    }

    /// <summary>
    /// N rules: R1 gaps [10,10] (non-zero), R2 gaps [0,0], R3 no gap. TPOT: R1 (.03-.01)/2=.01, R2 0/2=0, R3 0 (out 1):
    /// avg .01/3 = .003333 -> 3.3 ms, N = 1. ITL pools [0,0,10,10]: avg 5, median rank 1.5 = 5, N = 1. E2EL N = 3.
    /// </summary>
    [Fact]
    public async Task Tpot_and_itl_count_only_requests_with_a_non_zero_gap()
    {
        using var run = new TempRun();
        await run.WriteAsync(
        [
            TempRun.Ms(0, 5, 3, 0, 10, 20, 30),
            TempRun.Ms(1, 5, 3, 0, 10, 10, 10),
            TempRun.Ms(2, 5, 1, 0, 10),
        ]);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request with { Statistics = ["Average", "Median", "P50", "Max"] });

        Assert.Equal("3.3 ms | 0.0 ms | 0.0 ms | 10.0 ms | N=1", SummaryAssert.Row(s, "TPOT"));
        Assert.Equal("5.0 ms | 5.0 ms | 5.0 ms | 10.0 ms | N=1", SummaryAssert.Row(s, "ITL"));
        Assert.EndsWith("N=3", SummaryAssert.Row(s, "E2EL"), System.StringComparison.Ordinal);
    }

    /// <summary>Non-streaming: TTFT and TPOT are 0 for every request, so TTFT, TPOT, Prefill and ITL are left out.</summary>
    [Fact]
    public async Task All_zero_metrics_are_removed()
    {
        using var run = new TempRun();
        var a = TempRun.Ms(0, 7, 20, 0, 200);
        var b = TempRun.Ms(1, 9, 30, 50, 350);
        await run.WriteAsync([With(a, stream: false), With(b, stream: false)]);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request);

        Assert.Equal(["E2EL", "InputTokens", "OutputTokens", "OutputTokenThroughput"], s.Metrics.Select(m => m.Metric).ToArray());
        SummaryAssert.NoRow(s, "TTFT");
        SummaryAssert.NoRow(s, "PrefillTokenThroughput");
    }

    /// <summary>Gaps of 100..400 ns share one coarse bucket, so the exact second pass picks the ranks.</summary>
    [Fact]
    public async Task Itl_percentiles_inside_one_bucket_are_exact()
    {
        using var run = new TempRun();
        await run.WriteAsync([TempRun.Ns(0, 1, 5, 0, 1_000_000, 1_000_100, 1_000_300, 1_000_600, 1_001_000)]);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request with { Statistics = ["Min", "P75", "P90", "Max", "Average"] });
        var itl = s.Metrics.Single(m => m.Metric == "ITL").Values.ToDictionary(v => v.Key, v => v.Value);

        // gaps [100,200,300,400] ns; P75 rank 2.25 -> 300 + .25*100; P90 rank 2.7 -> 400 - .3*100 (numpy's lerp from b).
        Assert.Equal(100e-9, itl["Min"]);
        Assert.Equal(400e-9, itl["Max"]);
        Assert.Equal(300e-9 + ((400e-9 - 300e-9) * 0.25), itl["P75"]);
        Assert.Equal(400e-9 - ((400e-9 - 300e-9) * (1 - 0.7000000000000002)), itl["P90"], 1e-22);
        Assert.Equal(250e-9, itl["Average"], 1e-22);
    }

    [Fact]
    public async Task Every_request_failed_is_said_plainly_and_counts_are_kept()
    {
        using var run = new TempRun();
        await run.WriteAsync([TempRun.Failed(0, "HTTP 503", 0), TempRun.Failed(1, "HTTP 503", 5), TempRun.Failed(2, "connection refused")]);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request);

        Assert.Empty(s.Metrics);
        Assert.Contains(s.Notes, n => n.StartsWith("Every request failed (3 of 3)", System.StringComparison.Ordinal));
        Assert.Equal("3", SummaryAssert.Global(s, "Failed Requests"));
        Assert.Equal("0", SummaryAssert.Global(s, "Success Requests"));
        Assert.Equal([new FailureCount("HTTP 503", 2), new FailureCount("connection refused", 1)], s.Failures);
        Assert.Equal(2, System.IO.File.ReadAllLines(run.Layout.FailedFile("m", "d")).Count(l => l.Contains("HTTP 503", System.StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Extras_report_send_lag_schedule_latency_client_lag_and_rate()
    {
        using var run = new TempRun();
        var records = Enumerable.Range(0, 3).Select(i =>
        {
            var r = TempRun.Ms(i, 1, 2, (i * 100) + 2, (i * 100) + 12, (i * 100) + 22);
            return new RequestRecord
            {
                ModelAbbr = r.ModelAbbr,
                DataAbbr = r.DataAbbr,
                Id = r.Id,
                Uuid = r.Uuid,
                Success = true,
                InputTokens = 1,
                OutputTokens = 2,
                TimePointsNs = r.TimePointsNs,
                ServerTimePointsNs = [r.TimePointsNs[1] - 1_000_000, r.TimePointsNs[2] - 3_000_000], // read 1 ms and 3 ms after the stamp
                ScheduledNs = TempRun.Base + (i * 100_000_000), // sent 2 ms late
            };
        }).ToList();
        await run.WriteAsync(records);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request with { TargetRate = 10 });
        string X(string key) => CompatibleFormat.Global(s.Extras.Single(e => e.Key == key));

        Assert.Equal("2.0 ms", X("Send Lag P50"));
        Assert.Equal("22.0 ms", X("Scheduled E2EL P99"));
        Assert.Equal("2.0 ms", X("Client Read Lag P50")); // lags [1,3,1,3,1,3]: median rank 2.5 = 1 + .5*2
        Assert.Equal("3.0 ms", X("Client Read Lag P99"));
        Assert.Equal("10.0 req/s", X("Achieved Request Rate")); // (3 - 1) sends / .2 s
        Assert.DoesNotContain(s.Globals, g => g.Key.Contains("Lag", System.StringComparison.Ordinal));
    }

    private static RequestRecord With(RequestRecord r, bool stream) => new()
    {
        ModelAbbr = r.ModelAbbr,
        DataAbbr = r.DataAbbr,
        Id = r.Id,
        Uuid = r.Uuid,
        Success = r.Success,
        TimePointsNs = r.TimePointsNs,
        InputTokens = r.InputTokens,
        OutputTokens = r.OutputTokens,
        Stream = stream,
    };
}
