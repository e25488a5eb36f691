using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using PodBench.Dsl;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;
using PodBench.Runtime.Simulation;
using PodBench.Runtime.Tests.Workloads;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>
/// Each native API (MindIE <c>/infer</c>, TGI <c>/generate</c> and <c>/generate_stream</c>, Triton
/// <c>generate</c> and <c>generate_stream</c>) end to end: the runner's <c>run</c> verb against the simulator over
/// real HTTP, its details records, then the merge's metrics.
/// </summary>
public sealed class NativeApiRunTests : IDisposable
{
    private const int Requests = 4;
    private const int InputWords = 12;
    private const int OutputTokens = 6;

    private static readonly SimulatorOptions Quick = SimulatorOptions.Default with
    {
        BaseTtft = TimeSpan.FromMilliseconds(20),
        PrefillPerToken = TimeSpan.Zero,
        DecodePerToken = TimeSpan.FromMilliseconds(2),
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-native-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(ApiKind.MindieStream, "/infer")]
    [InlineData(ApiKind.Tgi, "/generate")]
    [InlineData(ApiKind.TgiStream, "/generate_stream")]
    [InlineData(ApiKind.Triton, "/v2/models/qwen/generate")]
    [InlineData(ApiKind.TritonStream, "/v2/models/qwen/generate_stream")]
    public async Task A_native_api_run_writes_the_records_and_metrics_of_the_openai_ones(ApiKind api, string path)
    {
        await using var server = await SimulatorServer.StartAsync(Quick);
        var endpoint = new ModelEndpoint("m")
        {
            Api = api,
            Url = server.BaseUrl.ToString(),
            Model = api is ApiKind.Triton or ApiKind.TritonStream ? "qwen" : null,
            Concurrency = 2,
            ApiKey = ApiKey.None,
            TokenizerPath = TestTokenizers.FolderOf("qwen3"),
            Generation = GenerationArgs.Empty.WithIgnoreEos(),
        };
        var dataset = new SyntheticDataset("syn") { RequestCount = Requests, Input = Length.Fixed(InputWords), Output = Length.Fixed(OutputTokens) };

        var console = new StringWriter();
        var exit = RunnerMain.Dispatch(new NativePlan(endpoint, dataset), new GeneratedPlan(typeof(NativePlan).FullName!, null), RunnerArguments.Parse(["run", "--pod", "0", "--output", _dir, "--run", "r"]), console, CancellationToken.None);
        Assert.True(exit == 0, console.ToString());

        // plan.json names the API of the task
        using (var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "r", "plan.json"))))
        {
            Assert.Equal(api.ToString(), plan.RootElement.GetProperty("pods")[0].GetProperty("tasks")[0].GetProperty("api").GetString());
        }

        // what the server was sent: the native path, the prompt and max_new_tokens in parameters
        var seen = server.Stats.GetRequests();
        Assert.Equal(Requests, seen.Count);
        Assert.All(seen, r =>
        {
            Assert.Equal(path, r.Path);
            Assert.Equal(200, r.Status);
            Assert.Equal(OutputTokens, r.MaxTokens);
            Assert.Equal(InputWords, r.PromptTokens);
            Assert.Equal(new ModelEndpoint("x") { Api = api }.IsStreaming, r.Stream);
        });

        var tokenizer = HfTokenizer.Load(TestTokenizers.FolderOf("qwen3"));
        var details = File.ReadAllLines(Path.Combine(_dir, "r", "performances", "m", "syn_details.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Requests, details.Count);
        var stream = endpoint.IsStreaming;
        Assert.All(details, d =>
        {
            Assert.True(d.GetProperty("success").GetBoolean(), d.GetProperty("error_info").GetString());
            Assert.Equal(" the of and to a in", d.GetProperty("prediction").GetString());
            Assert.Equal(tokenizer.CountTokens(d.GetProperty("input").GetString()!), d.GetProperty("input_tokens").GetInt32());
            Assert.Equal(OutputTokens, d.GetProperty("output_tokens").GetInt32());
            Assert.Equal("tokenizer", d.GetProperty("extra_perf_data").GetProperty("usage_source").GetString());
            Assert.Equal(stream, d.GetProperty("extra_perf_data").GetProperty("stream").GetBoolean());
        });

        var merged = RunMerger.Merge(new MergeOptions { RunDirectory = Path.Combine(_dir, "r") });
        using (var connection = new DuckDBConnection("Data Source=" + merged.DatabasePath + ";ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT min(readings), max(readings), min(server_readings) FROM records";
            using var rows = command.ExecuteReader();
            Assert.True(rows.Read());
            // a reading before the send, then one per token event (streamed) or one for the whole answer
            Assert.Equal(stream ? 1 + OutputTokens : 2, rows.GetInt64(0));
            Assert.Equal(rows.GetInt64(0), rows.GetInt64(1));
            // the simulator's stamps on every event line up with the readings
            Assert.Equal(stream ? OutputTokens : 0, rows.GetInt64(2));
        }

        // seconds (tokens for the token rows), as the summary keeps them
        double Average(string metric) => merged.Merged.Metrics.Single(m => m.Metric == metric && m.Stage == "total").Values.Single(v => v.Key == "Average").Value;
        Assert.Equal(Requests, merged.Merged.Metrics.Single(m => m.Metric == "E2EL" && m.Stage == "total").N);
        Assert.Equal(OutputTokens, Average("OutputTokens"));
        Assert.Equal(InputWords, Average("InputTokens"));
        if (stream)
        {
            Assert.True(Average("TTFT") >= 0.020, $"TTFT {Average("TTFT")} s is below the simulated prefill of 20 ms");
            // TPOT = (E2EL - TTFT) / (OutputTokens - 1) per request; every request has 6 output tokens, so on average too
            Assert.Equal((Average("E2EL") - Average("TTFT")) / (OutputTokens - 1), Average("TPOT"), 6);
            Assert.True(Average("TPOT") > 0);
            Assert.True(Average("TTFT") < Average("E2EL"));
        }
        else
        {
            // like the OpenAI-compatible APIs' non-streamed answers: no first token, so no TTFT or TPOT
            Assert.DoesNotContain(merged.Merged.Metrics, m => m.Metric is "TTFT" or "TPOT" && m.Stage == "total");
            Assert.True(Average("E2EL") >= 0.020, $"E2EL {Average("E2EL")} s is below the simulated prefill of 20 ms");
        }

        Assert.Equal(Requests, merged.Merged.Globals.Single(g => g.Key == "Success Requests" && g.Stage == "total").Value);
    }

    [Theory]
    [InlineData(ApiKind.MindieStream)]
    [InlineData(ApiKind.TgiStream)]
    [InlineData(ApiKind.TritonStream)]
    public async Task A_malformed_stream_event_fails_the_request_with_a_clear_error(ApiKind api)
    {
        await using var server = await SimulatorServer.StartAsync(Quick.WithFault(SimulatorFault.MalformedJson));
        var endpoint = new ModelEndpoint("m") { Api = api, Model = api == ApiKind.TritonStream ? "qwen" : null, Concurrency = 2, Retry = 2 };
        var (outcome, sink) = await RunAsync(server, endpoint, 2);

        Assert.Equal(2, outcome.Failed);
        Assert.All(sink.Records, r =>
        {
            Assert.False(r.Success);
            Assert.Equal(2, r.Attempts);
            Assert.StartsWith("invalid JSON in a server-sent event: ", r.ErrorInfo, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(ApiKind.MindieStream, 8)]
    [InlineData(ApiKind.TgiStream, 8)]
    [InlineData(ApiKind.TritonStream, 0)]
    public async Task Without_a_tokenizer_mindie_and_tgi_streams_count_output_tokens_from_their_details(ApiKind api, int output)
    {
        await using var server = await SimulatorServer.StartAsync(Quick);
        var record = await RunOneAsync(server, new ModelEndpoint("m") { Api = api, Model = api == ApiKind.TritonStream ? "qwen" : null, Generation = GenerationArgs.Empty.WithIgnoreEos() });
        Assert.True(record.Success, record.ErrorInfo);
        Assert.Equal(output, record.OutputTokens);
        Assert.Equal(0, record.InputTokens);
        // the input count is missing, so the record's counts are not all the server's
        Assert.Equal("none", record.UsageSource);
    }

    [Fact]
    public async Task A_tgi_stream_cut_before_its_final_event_fails_and_a_triton_stream_ends_with_its_body()
    {
        await using var server = await SimulatorServer.StartAsync(Quick.WithFault(SimulatorFault.CutWithoutDone));
        var tgi = await RunOneAsync(server, new ModelEndpoint("m") { Api = ApiKind.TgiStream, Retry = 1 });
        Assert.False(tgi.Success);
        Assert.Equal("the stream ended before its final event (generated_text)", tgi.ErrorInfo);
        var triton = await RunOneAsync(server, new ModelEndpoint("m") { Api = ApiKind.TritonStream, Model = "qwen", Retry = 1 });
        Assert.True(triton.Success, triton.ErrorInfo);
    }

    private static async Task<RequestRecord> RunOneAsync(SimulatorServer server, ModelEndpoint endpoint) => (await RunAsync(server, endpoint, 1)).Sink.Records.Single();

    /// <summary>The engine alone (no tokenizer) sending <paramref name="rows"/> prompts of 4 words, 8 tokens each.</summary>
    private static async Task<(TaskOutcome Outcome, MemorySink Sink)> RunAsync(SimulatorServer server, ModelEndpoint endpoint, int rows)
    {
        var request = new TaskRunRequest
        {
            Task = new TaskSpec(endpoint, new SyntheticDataset("syn"), 0),
            BaseUrl = server.BaseUrl,
            Rows = Enumerable.Range(0, rows).Select(i => new PromptRow(i, "A A A A", MaxTokens: 8)).ToArray(),
            Run = RunOptions.Default with { WarmUp = 0 },
            Clock = new PodClock(),
        };
        var sink = new MemorySink();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return (await TaskRunner.RunAsync(request, sink, null, cts.Token), sink);
    }

    private sealed class NativePlan(ModelEndpoint endpoint, Dataset dataset) : BenchmarkPlan
    {
        public override IReadOnlyList<ModelEndpoint> Models => [endpoint];

        public override IReadOnlyList<Dataset> Datasets => [dataset];

        public override RunOptions Run => RunOptions.Default with { WarmUp = 0 };
    }
}
