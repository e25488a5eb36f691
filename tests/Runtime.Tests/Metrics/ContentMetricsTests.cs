using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;
using PodBench.Runtime.Simulation;
using PodBench.Runtime.Tests.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Metrics;

/// <summary>TPOT (content) and ITL (content): our rows beside the reference's, over the readings that carried generated text.</summary>
public sealed class ContentMetricsTests
{
    private static readonly SummaryRequest Request = new() { Scope = "m/d", Stable = false };

    /// <summary>
    /// Readings in ms after a common base; <c>n</c> lists the readings (0-based) whose event carried no text:
    /// <code>
    ///   R1 t=[0, 100 role, 100, 120, 140, 160 last+finish, 160.5 usage]     n=[1, 6]     out 4
    ///      content readings [100,120,140,160]: gaps 20,20,20; TPOT (content) (160-100)/3 = 20
    ///   R2 t=[0, 50 role, 60, 90 empty, 100, 136, 137 usage]                n=[1, 3, 6]  out 3
    ///      content readings [60,100,136]: gaps 40,36 (the empty event's time falls inside the 40); TPOT (content) 76/2 = 38
    ///   R3 not streamed, t=[0, 80]: no TTFT, TPOT, PrefillTokenThroughput or content row value.
    /// </code>
    /// TPOT (content) [20, 38], rank p: avg 29, median 29, P75 38-18*.25=33.5, P90 38-18*.1=36.2, P99 38-18*.01=37.82.
    /// ITL (content) [20,20,20,36,40], rank 4p: avg 136/5=27.2, median 20, P75 36, P90 40-4*.4=38.4, P99 40-4*.04=39.84.
    /// </summary>
    [Fact]
    public async Task Content_rows_use_only_the_readings_that_carried_text()
    {
        using var run = new TempRun();
        await run.WriteAsync(
        [
            With(TempRun.Ms(0, 10, 4, 0, 100, 100, 120, 140, 160, 160.5), nonContent: [1, 6]),
            With(TempRun.Ms(1, 20, 3, 0, 50, 60, 90, 100, 136, 137), nonContent: [1, 3, 6]),
            With(TempRun.Ms(2, 30, 5, 0, 80), stream: false),
        ]);
        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request);

        Assert.Equal(["TPOT (content)", "ITL (content)"], s.ContentMetrics.Select(m => m.Metric).ToArray());
        Assert.Equal("29.0 ms | 20.0 ms | 38.0 ms | 29.0 ms | 33.5 ms | 36.2 ms | 37.8 ms | N=2", SummaryAssert.Row(s, "TPOT (content)"));
        Assert.Equal("27.2 ms | 20.0 ms | 40.0 ms | 20.0 ms | 36.0 ms | 38.4 ms | 39.8 ms | N=2", SummaryAssert.Row(s, "ITL (content)"));

        // The reference's rows are untouched by the marks: TPOT (E2EL - TTFT)/(out - 1) = [60.5/3, 87/2]; ITL pools
        // np.diff(t[1:]) of the streamed requests: [0,20,20,20,.5] and [10,30,10,36,1], mean 147.5/10 ms.
        var tpot = s.Metrics.Single(m => m.Metric == "TPOT");
        Assert.Equal(((0.1605 - 0.1) / 3 + 0.087 / 2) / 2, tpot.Values.Single(v => v.Key == "Average").Value, 12);
        var itl = s.Metrics.Single(m => m.Metric == "ITL");
        Assert.Equal(0.01475, itl.Values.Single(v => v.Key == "Average").Value, 12);
        Assert.Equal(0.0, itl.Values.Single(v => v.Key == "Min").Value);
        Assert.Equal(2, itl.N);

        // The non-streamed request has no TTFT: N counts the two streamed values only.
        Assert.Equal("75.0 ms | 50.0 ms | 100.0 ms | 75.0 ms | 87.5 ms | 95.0 ms | 99.5 ms | N=2", SummaryAssert.Row(s, "TTFT"));
        Assert.Equal(3, s.Metrics.Single(m => m.Metric == "E2EL").N);
        Assert.Contains("Content-token Metric (PodBench)", ConsoleTables.Render(s), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readings_without_marks_give_no_content_rows()
    {
        // A journal written before the marks existed: its lines have no noncontent_readings key.
        using var run = new TempRun();
        await run.WriteAsync([TempRun.Ms(0, 10, 4, 0, 100, 120, 140, 160)], complete: false);
        var journal = System.IO.Directory.GetFiles(run.Layout.DbDataFolder("m"), "*.jsonl").Single();
        var lines = (await System.IO.File.ReadAllLinesAsync(journal)).Select(l => l.Replace(",\"noncontent_readings\":[]", "", StringComparison.Ordinal)).ToArray();
        Assert.DoesNotContain(lines, l => l.Contains("noncontent", StringComparison.Ordinal));
        await System.IO.File.WriteAllLinesAsync(journal, lines);

        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", Request);
        Assert.Empty(s.ContentMetrics);
        Assert.Equal(1, s.Metrics.Single(m => m.Metric == "ITL").N);
        Assert.DoesNotContain("Content-token", ConsoleTables.Render(s), StringComparison.Ordinal);
    }

    /// <summary>
    /// The simulator streams 64 tokens 20 ms apart as vLLM does: a role-only chunk and the first token when prefill
    /// ends, the last token with its finish reason, then a usage-only chunk. The reference's ITL pools 65 gaps per
    /// request, two of them near zero (role to first token, last token to usage), so its mean reads about 20 x 63/65;
    /// ITL (content) pools the 63 gaps between tokens and reads 20 ms.
    /// </summary>
    [Fact]
    public async Task Simulator_64_tokens_20_ms_apart_content_itl_reads_20_ms()
    {
        const int Tokens = 64;
        var options = SimulatorOptions.Default with
        {
            BaseTtft = TimeSpan.FromMilliseconds(5),
            PrefillPerToken = TimeSpan.Zero,
            DecodePerToken = TimeSpan.FromMilliseconds(20),
        };
        await using var server = await SimulatorServer.StartAsync(options);
        var endpoint = ModelEndpoint.StreamChat("sim").WithConcurrency(1) with { Model = null };
        var request = new TaskRunRequest
        {
            Task = new TaskSpec(endpoint, new SyntheticDataset("syn"), 0),
            BaseUrl = server.BaseUrl,
            Rows = Enumerable.Range(0, 3).Select(i => new PromptRow(i, "A A A A", MaxTokens: Tokens)).ToArray(),
            Run = RunOptions.Default with { WarmUp = 1 },
            Clock = new PodClock(),
        };
        using var run = new TempRun();
        var writer = TaskResultWriter.Open(run.Layout, 0, "sim", "syn");
        using (var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            var outcome = await TaskRunner.RunAsync(request, writer, null, cts.Token);
            Assert.Equal(3, outcome.Succeeded);
        }

        await writer.CompleteAsync();
        var s = TaskSummaries.SummarizeTask(run.Layout, "sim", "syn", new SummaryRequest { Scope = "sim/syn", Stable = false });

        // t = [send, role, token 1..64, usage]: readings 1 and 66 carried no text.
        double serverSpacing;
        long tokenSpanNs;
        long requests;
        using (var conn = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
        {
            conn.Open();
            RecordViews.CreateTaskView(conn, run.Layout, "sim", "syn");
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT DISTINCT len(time_points_ns)::VARCHAR || ' ' || noncontent_readings::VARCHAR FROM requests";
            Assert.Equal("67 [1, 66]", (string)cmd.ExecuteScalar()!);

            // What the server did, by its own stamps (x_sim_ts, taken as each event was handed to the socket): the
            // spacing of its 64 token events. Under load the simulator's wake-ups wander by a few ms, so this, not D, is
            // the truth the client's figure must match.
            cmd.CommandText = "SELECT sum(s[65] - s[2]) / (63 * count(*)) / 1e9 FROM (SELECT server_time_points_ns AS s FROM requests)";
            serverSpacing = Convert.ToDouble(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

            // The client's own readings of token 1 and token 64 (t[2] and t[65], 0-based), worked out apart from the summary.
            cmd.CommandText = "SELECT sum(t[66] - t[3])::BIGINT, count(*) FROM (SELECT time_points_ns AS t FROM requests)";
            using var reader = cmd.ExecuteReader();
            reader.Read();
            tokenSpanNs = reader.GetInt64(0);
            requests = reader.GetInt64(1);
        }

        var content = Mean(s.ContentMetrics, "ITL (content)");
        var reference = Mean(s.Metrics, "ITL");
        Console.WriteLine($"D = 20 ms; server token spacing {serverSpacing * 1e3:0.0000} ms; ITL (content) {content * 1e3:0.0000} ms; ITL (reference) {reference * 1e3:0.0000} ms");
        Assert.Equal(tokenSpanNs / (63.0 * requests) / 1e9, content, 15);
        Assert.Equal(tokenSpanNs / (63.0 * requests) / 1e9, Mean(s.ContentMetrics, "TPOT (content)"), 15);

        // The client reads what the server sent: its figure differs from the server's spacing only by how much later it
        // read the last token than the first (/63), well inside the 0.1 ms the tables show.
        Assert.InRange(content - serverSpacing, -0.0001, 0.0001);
        Assert.Equal(3, s.ContentMetrics.Single(m => m.Metric == "ITL (content)").N);

        // The reference's mean is the same 63 token gaps plus two near-zero gaps (often exactly 0: the role chunk and
        // the first token, the last token and usage, each pair in one segment), over 65 gaps.
        Assert.InRange(reference, (content * 63 / 65) - 1e-9, content * 64 / 65);
        Assert.True(content - reference > 0.0004, $"the reference ITL ({reference}) should read about 0.6 ms below the content ITL ({content})");
    }

    private static RequestRecord With(RequestRecord r, int[]? nonContent = null, bool stream = true) => new()
    {
        ModelAbbr = r.ModelAbbr,
        DataAbbr = r.DataAbbr,
        Id = r.Id,
        Uuid = r.Uuid,
        Success = r.Success,
        TimePointsNs = r.TimePointsNs,
        InputTokens = r.InputTokens,
        OutputTokens = r.OutputTokens,
        HttpStatus = r.HttpStatus,
        NonContentReadings = nonContent ?? [],
        Stream = stream,
    };

    private static double Mean(System.Collections.Generic.IEnumerable<MetricStatistics> rows, string metric) =>
        rows.Single(m => m.Metric == metric && m.Stage == "total").Values.Single(v => v.Key == "Average").Value;
}
