using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.MultiPod;

/// <summary>
/// The seed's two-pod demo: two streaming chat endpoints and two synthetic datasets, pod 0 running
/// test1 x test1 and pod 1 test2 x test2. No endpoint is given, so the built-in simulated server answers.
/// </summary>
[BenchmarkPlan]
public sealed class MultiPodPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Test1 = ModelEndpoint.StreamChat("demo-vllm-api-general-chat-test1") with
    {
        Model = "qwen",
        Concurrency = 100,
        MaxOutLen = 512,
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
    };

    private static readonly ModelEndpoint Test2 = Test1 with { Abbr = "demo-vllm-api-general-chat-test2" };

    private static readonly SyntheticDataset SyntheticTest1 = new("synthetic-test1")
    {
        RequestCount = 10,
        Input = Length.Uniform(100, 100),
        Output = Length.Uniform(100, 200),
    };

    private static readonly SyntheticDataset SyntheticTest2 = new("synthetic-test2")
    {
        RequestCount = 20,
        Input = Length.Uniform(200, 200),
        Output = Length.Uniform(200, 300),
    };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Test1, Test2];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [SyntheticTest1, SyntheticTest2];

    /// <inheritdoc />
    public override IReadOnlyList<PodGroup> Pods =>
    [
        new(Test1, SyntheticTest1),
        new(Test2, SyntheticTest2),
    ];
}
