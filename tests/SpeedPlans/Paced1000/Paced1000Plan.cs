using System.Collections.Generic;
using PodBench.Dsl;

namespace SpeedPlans.Paced1000;

/// <summary>Open loop at 1,000 requests/s (Poisson arrivals), up to 1,000 in flight. Against tests/LoadServer (64 chunks per response); the URL comes from BENCHMARK_ENDPOINT.</summary>
[BenchmarkPlan]
public sealed class Paced1000Plan : BenchmarkPlan
{
    private static readonly ModelEndpoint Load = ModelEndpoint.StreamChat("load-paced1000") with
    {
        Url = "http://127.0.0.1:8000",
        Model = "load",
        Concurrency = 1000,
        RequestRate = 1000,
        MaxOutLen = 64,
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
    };

    private static readonly SyntheticDataset Prompts = new("speed-prompts")
    {
        RequestCount = 20000,
        Input = Length.Uniform(100, 100),
        Output = Length.Uniform(64, 64),
    };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Load];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Prompts];

    /// <inheritdoc />
    public override IReadOnlyList<PodGroup> Pods => [new(Load, Prompts)];
}
