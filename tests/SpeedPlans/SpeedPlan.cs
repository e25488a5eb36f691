using System.Collections.Generic;
using PodBench.Dsl;

namespace SpeedPlans;

/// <summary>
/// The plan of scripts/measure-speed.sh, compiled into each project here with that project's <see cref="Shape"/>:
/// 20,000 requests (fewer with -p:BenchmarkNumPrompts) against tests/LoadServer (64 chunks per response); the URL
/// comes from BenchmarkEndpoint.
/// </summary>
[BenchmarkPlan]
public sealed class SpeedPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Load = ModelEndpoint.StreamChat(Shape.Abbr) with
    {
        Url = "http://127.0.0.1:8000",
        Model = "load",
        Concurrency = Shape.Concurrency,
        RequestRate = Shape.RequestRate,
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
