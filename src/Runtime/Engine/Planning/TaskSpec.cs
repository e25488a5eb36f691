using PodBench.Dsl;

namespace PodBench.Runtime.Planning;

/// <summary>
/// One task of one pod: a model endpoint and a dataset, with the pod's share of a replicated group
/// (pod <see cref="Replica"/> of <see cref="Replicas"/> takes schedule ordinals Replica, Replica + Replicas, ...).
/// </summary>
public sealed record TaskSpec(ModelEndpoint Model, Dataset Dataset, int Pod, int Replica = 0, int Replicas = 1)
{
    /// <summary>The task's name, <c>model/dataset</c> (at a sweep level the dataset carries the level, <c>model/dataset.c8</c>).</summary>
    public string Name => Model.Abbr + "/" + Dataset.Abbr;

    /// <summary>The sweep level this task runs at, or null outside a sweep.</summary>
    public SweepLevel? Level { get; init; }

    /// <summary>The dataset's abbr as the plan declares it (without the level).</summary>
    public string PlanDataset { get; init; } = Dataset.Abbr;
}
