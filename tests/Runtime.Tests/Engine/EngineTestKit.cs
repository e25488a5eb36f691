using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Tests.Engine;

internal static class EngineTestKit
{
    public static ModelEndpoint Endpoint(TestServer server) => ModelEndpoint.StreamChat("m1") with { Url = server.BaseUrl.ToString(), Model = "served-model", MaxOutLen = 16 };

    public static PromptRow[] Rows(int count) => Enumerable.Range(0, count).Select(i => new PromptRow(i, $"prompt number {i}")).ToArray();

    public static TaskRunRequest Request(TestServer server, ModelEndpoint endpoint, IReadOnlyList<PromptRow> rows, RunOptions? run = null, ITokenCounter? tokenizer = null, int replica = 0, int replicas = 1, string? apiKey = null)
        => new()
        {
            Task = new TaskSpec(endpoint, new SyntheticDataset("d1"), Pod: 3, Replica: replica, Replicas: replicas),
            BaseUrl = server.BaseUrl,
            ApiKey = apiKey,
            Rows = rows,
            Run = run ?? (RunOptions.Default with { WarmUp = 0 }),
            Tokenizer = tokenizer,
            Clock = new PodClock(),
        };

    public static async Task<(TaskOutcome Outcome, MemorySink Sink)> RunAsync(TaskRunRequest request)
    {
        var sink = new MemorySink();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var outcome = await TaskRunner.RunAsync(request, sink, null, cts.Token);
        return (outcome, sink);
    }
}
