using System;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>Tool calls through the engine against the simulator: the record keeps them, the tokenizer counts them without usage.</summary>
public sealed class EngineToolCallTests
{
    [Theory]
    [InlineData(ApiKind.StreamChat)]
    [InlineData(ApiKind.Chat)]
    public async Task Without_usage_the_tokenizer_counts_the_calls_name_and_arguments_as_output(ApiKind api)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { UsagePlacement = UsagePlacement.None, DecodePerToken = TimeSpan.FromMilliseconds(1) });
        var endpoint = ModelEndpoint.FunctionCallChat("fc") with
        {
            Api = api,
            Url = server.BaseUrl.ToString(),
            Model = "qwen",
            Tools = [new ToolFunction("get_weather")],
            Generation = GenerationArgs.Empty.WithIgnoreEos(),
        };
        var request = new TaskRunRequest
        {
            Task = new TaskSpec(endpoint, new SyntheticDataset("d1"), Pod: 0, Replica: 0, Replicas: 1),
            BaseUrl = server.BaseUrl,
            Rows = [new PromptRow(0, "weather please", MaxTokens: 3)],
            Run = RunOptions.Default with { WarmUp = 0 },
            Tokenizer = new WordCounter(),
            Clock = new PodClock(),
        };
        var sink = new MemorySink();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await TaskRunner.RunAsync(request, sink, null, cts.Token);

        var record = Assert.Single(sink.Records);
        Assert.True(record.Success, record.ErrorInfo);
        var call = Assert.Single(record.ToolCalls);
        Assert.Equal(("get_weather", "{\"text\": \" the of and\"}"), (call.Name, call.Arguments));
        Assert.Equal("", record.Prediction);
        // WordCounter: 1000 + the words of "get_weather{"text": " the of and"}" (an empty text alone would be 1000)
        Assert.Equal(("tokenizer", 1005), (record.UsageSource, record.OutputTokens));
    }
}
