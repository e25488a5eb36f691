using System.Collections.Generic;

namespace PodBench.Dsl;

/// <summary>
/// One pod's work (reference: one <c>model_dataset_combinations</c> entry): every model x dataset pair of the
/// group is a task of that pod. With <see cref="Replicas"/> &gt; 1 the group runs on that many pods, its load
/// split between them, and is merged back as one task.
/// </summary>
public sealed record PodGroup
{
    /// <summary>A group of several models and datasets.</summary>
    public PodGroup(IReadOnlyList<ModelEndpoint> models, IReadOnlyList<Dataset> datasets)
    {
        Models = models;
        Datasets = datasets;
    }

    /// <summary>A group of one model and one dataset.</summary>
    public PodGroup(ModelEndpoint model, Dataset dataset)
        : this(new[] { model }, new[] { dataset })
    {
    }

    /// <summary>The models of the group; each must be one of the plan's <see cref="BenchmarkPlan.Models"/>.</summary>
    public IReadOnlyList<ModelEndpoint> Models { get; init; }

    /// <summary>The datasets of the group; each must be one of the plan's <see cref="BenchmarkPlan.Datasets"/>.</summary>
    public IReadOnlyList<Dataset> Datasets { get; init; }

    /// <summary>How many pods run this group, splitting its rate and concurrency. Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>A copy run on <paramref name="replicas"/> pods.</summary>
    public PodGroup WithReplicas(int replicas) => this with { Replicas = replicas };
}
