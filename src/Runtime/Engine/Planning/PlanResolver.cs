using System.Collections.Generic;
using System.Linq;
using PodBench.Dsl;

namespace PodBench.Runtime.Planning;

/// <summary>Turns a plan into its pods and their tasks, after checking every plan rule.</summary>
public static class PlanResolver
{
    /// <summary>
    /// The pods of <paramref name="plan"/>: one per <see cref="BenchmarkPlan.Pods"/> group (a group with Replicas n is
    /// n pods, each with its Replica index), or, with no groups, one pod running every model x every dataset.
    /// Tasks use the declared objects of <see cref="BenchmarkPlan.Models"/> and <see cref="BenchmarkPlan.Datasets"/>.
    /// </summary>
    /// <exception cref="PlanException">The plan breaks a rule; every error is listed.</exception>
    public static IReadOnlyList<PodSpec> Resolve(BenchmarkPlan plan)
    {
        var errors = PlanValidator.Validate(plan).Where(e => !e.IsWarning).ToList();
        if (errors.Count > 0)
        {
            throw new PlanException(plan.GetType().FullName ?? plan.GetType().Name, errors);
        }

        var models = plan.Models.ToDictionary(m => m.Abbr, System.StringComparer.Ordinal);
        var datasets = plan.Datasets.ToDictionary(d => d.Abbr, System.StringComparer.Ordinal);
        var groups = plan.Pods ?? [];
        if (groups.Count == 0)
        {
            return [new PodSpec(0, Levels(plan.Sweep, Tasks(plan.Models, plan.Datasets, 0, 0, 1)))];
        }

        var pods = new List<PodSpec>();
        foreach (var group in groups)
        {
            var groupModels = group.Models.Select(m => models[m.Abbr]).ToList();
            var groupDatasets = group.Datasets.Select(d => datasets[d.Abbr]).ToList();
            for (var replica = 0; replica < group.Replicas; replica++)
            {
                pods.Add(new PodSpec(pods.Count, Levels(plan.Sweep, Tasks(groupModels, groupDatasets, pods.Count, replica, group.Replicas))));
            }
        }

        return pods;
    }

    /// <summary>The levels of <paramref name="sweep"/> in order (each its own stage), and in each every task of the pod.</summary>
    public static IReadOnlyList<SweepLevel> LevelsOf(Sweep? sweep) =>
        sweep is null ? [] : sweep.Levels.Select((value, i) => new SweepLevel(i, sweep.Dimension, value)).ToList();

    /// <summary>
    /// The tasks of a pod under <paramref name="sweep"/>: level by level, each task at the level's concurrency or rate
    /// with its dataset named <c>&lt;dataset&gt;.&lt;label&gt;</c>; the tasks themselves without a sweep.
    /// </summary>
    private static List<TaskSpec> Levels(Sweep? sweep, List<TaskSpec> tasks) => sweep is null
        ? tasks
        : LevelsOf(sweep).SelectMany(level => tasks.Select(t => t with
        {
            Model = level.Apply(t.Model),
            Dataset = t.Dataset with { Abbr = level.DatasetAbbr(t.Dataset.Abbr) },
            Level = level,
            PlanDataset = t.Dataset.Abbr,
        })).ToList();

    private static List<TaskSpec> Tasks(IReadOnlyList<ModelEndpoint> models, IReadOnlyList<Dataset> datasets, int pod, int replica, int replicas) =>
        models.SelectMany(m => datasets.Select(d => new TaskSpec(m, d, pod, replica, replicas))).ToList();
}
