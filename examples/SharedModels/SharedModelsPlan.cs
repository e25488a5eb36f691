using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.SharedModels;

/// <summary>
/// Pods that share files: one group split over four replica pods (one model folder, one details file), and one model
/// run by two pod groups on two datasets (one db_data folder). Six pods, 12 + 6 + 5 = 23 requests; each pod reads and
/// deletes only its own working files (docs/run-folder.md).
/// </summary>
[BenchmarkPlan]
public sealed class SharedModelsPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Replicated = ModelEndpoint.StreamChat("shared-replicated") with
    {
        Model = "qwen",
        Concurrency = 8,
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
    };

    private static readonly ModelEndpoint Shared = Replicated with { Abbr = "shared-two-groups", Concurrency = 4 };

    private static readonly SyntheticDataset Split = new("split-12") { RequestCount = 12, Input = Length.Uniform(20, 20), Output = Length.Uniform(20, 30) };

    private static readonly SyntheticDataset First = new("first-6") { RequestCount = 6, Input = Length.Uniform(20, 20), Output = Length.Uniform(20, 30) };

    private static readonly SyntheticDataset Second = new("second-5") { RequestCount = 5, Input = Length.Uniform(20, 20), Output = Length.Uniform(20, 30) };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Replicated, Shared];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Split, First, Second];

    /// <inheritdoc />
    public override IReadOnlyList<PodGroup> Pods => [new PodGroup(Replicated, Split).WithReplicas(4), new(Shared, First), new(Shared, Second)];
}
