using System;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;

namespace PodBench.LoadCeiling;

/// <summary>The one streaming chat task every load-ceiling mode sends to its server process.</summary>
internal static class CeilingTask
{
    /// <summary>
    /// A task of <paramref name="rowCount"/> prompts (<paramref name="prompt"/> of the row index) asking
    /// <paramref name="chunks"/> tokens each, with one warm-up request; <paramref name="rate"/> 0 sends closed loop.
    /// </summary>
    public static TaskRunRequest Request(string model, string dataset, ILoadServer server, int concurrency, int chunks, RunOptions run, int rowCount, double rate, Func<int, string> prompt)
    {
        var endpoint = ModelEndpoint.StreamChat(model) with
        {
            Url = server.BaseUrl.ToString(),
            Model = "qwen",
            Concurrency = concurrency,
            MaxOutLen = chunks,
            Retry = 1,
            RequestRate = rate,
            Burstiness = 0,
            Generation = GenerationArgs.Empty.WithIgnoreEos(),
        };
        return new TaskRunRequest
        {
            Task = new TaskSpec(endpoint, new SyntheticDataset(dataset), 0),
            BaseUrl = server.BaseUrl,
            Rows = Enumerable.Range(0, rowCount).Select(i => new PromptRow(i, prompt(i), MaxTokens: chunks)).ToArray(),
            Run = run with { WarmUp = 1 },
            Clock = PodClock.Process,
        };
    }
}
