using PodBench.Dsl;

namespace PodBench.Runtime.Planning;

/// <summary>
/// One task of one pod: a model endpoint and a dataset, with the pod's share of a replicated group
/// (pod <see cref="Replica"/> of <see cref="Replicas"/> takes schedule ordinals Replica, Replica + Replicas, ...).
/// </summary>
public sealed record TaskSpec(ModelEndpoint Model, Dataset Dataset, int Pod, int Replica = 0, int Replicas = 1)
{
    /// <summary>The task's name, <c>model/dataset</c>.</summary>
    public string Name => Model.Abbr + "/" + Dataset.Abbr;
}
