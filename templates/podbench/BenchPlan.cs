using System.Collections.Generic;
using PodBench.Dsl;

namespace PodBenchPlan;

/// <summary>
/// Two pods, each streaming chat requests from its own synthetic dataset to its own endpoint. With no Url in the
/// plan and no -p:BenchmarkEndpoint on the command line, PodBench's built-in simulated server answers, so this plan
/// runs anywhere; point it at a real server with -p:BenchmarkEndpoint=http://host:8000 (the API key comes from the
/// BENCHMARK_API_KEY environment variable, never from the plan).
/// </summary>
[BenchmarkPlan]
public sealed class BenchPlan : BenchmarkPlan
{
    // An endpoint: its abbr names the result folder (performances/<abbr>/), as in AISBench's model configs.
    private static readonly ModelEndpoint Chat = ModelEndpoint.StreamChat("chat-a") with
    {
        Model = "qwen",             // the served model name; null asks GET /v1/models
        Concurrency = 100,          // requests in flight (AISBench's batch_size)
        MaxOutLen = 512,
        Generation = GenerationArgs.Empty.WithIgnoreEos(), // generate the requested lengths exactly
        // Url = "http://vllm.bench.svc:8000",
    };

    // A second endpoint: the same settings under another abbr (another server, or the same one compared with itself).
    private static readonly ModelEndpoint ChatB = Chat with { Abbr = "chat-b" };

    // Synthetic prompts: lengths in tokens, drawn per request; the compiler rejects Min > Max and duplicate abbrs.
    private static readonly SyntheticDataset Short = new("synthetic-short")
    {
        RequestCount = 10,
        Input = Length.Uniform(100, 100),
        Output = Length.Uniform(100, 200),
    };

    private static readonly SyntheticDataset Long = new("synthetic-long")
    {
        RequestCount = 20,
        Input = Length.Uniform(200, 200),
        Output = Length.Uniform(200, 300),
    };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Chat, ChatB];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Short, Long];

    // One pod per group: pod 0 sends Short to chat-a, pod 1 sends Long to chat-b, both at once (on a cluster, each
    // its own Kubernetes pod); the merge reports them together as one run.
    /// <inheritdoc />
    public override IReadOnlyList<PodGroup> Pods =>
    [
        new(Chat, Short),
        new(ChatB, Long),
    ];
}
