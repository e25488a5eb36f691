using System.Collections.Generic;
using PodBench.Generators.Model;

namespace PodBench.Generators.Checks;

/// <summary>
/// The pods as far as the code shows them: the groups of <c>Pods</c> (a replicated group is several pods), or one
/// pod with every model x dataset. Null when any abbr or count is computed at run time.
/// </summary>
internal static class PodResolver
{
    public static EquatableArray<PodInfo>? Resolve(PlanModel plan)
    {
        if (plan.Pods is null || plan.Pods is { Kind: ValueKind.List, Items.Count: 0 })
        {
            var models = Abbrs(plan.Models);
            var datasets = Abbrs(plan.Datasets);
            return models is null || datasets is null ? null : new EquatableArray<PodInfo>(new[] { new PodInfo(0, Tasks(models, datasets)) });
        }

        if (plan.Pods.Kind != ValueKind.List)
        {
            return null;
        }

        var pods = new List<PodInfo>();
        foreach (var group in plan.Pods.Items)
        {
            if (group is not { Kind: ValueKind.Object, TypeName: "PodGroup", Partial: false })
            {
                return null;
            }

            var models = group.Get("Models") is { } m ? Abbrs(m) : null;
            var datasets = group.Get("Datasets") is { } d ? Abbrs(d) : null;
            var replicas = group.Get("Replicas") is { } r ? r.Number : 1;
            if (models is null || datasets is null || replicas is not >= 1 || replicas != System.Math.Floor(replicas.Value))
            {
                return null;
            }

            var tasks = Tasks(models, datasets);
            for (var i = 0; i < replicas; i++)
            {
                pods.Add(new PodInfo(pods.Count, tasks));
            }
        }

        return new EquatableArray<PodInfo>(pods.ToArray());
    }

    private static EquatableArray<TaskInfo> Tasks(List<string> models, List<string> datasets)
    {
        var tasks = new List<TaskInfo>();
        foreach (var model in models)
        {
            foreach (var dataset in datasets)
            {
                tasks.Add(new TaskInfo(model, dataset));
            }
        }

        return new EquatableArray<TaskInfo>(tasks.ToArray());
    }

    private static List<string>? Abbrs(PlanValue list)
    {
        if (list.Kind != ValueKind.List)
        {
            return null;
        }

        var abbrs = new List<string>();
        foreach (var item in list.Items)
        {
            if (item.Kind != ValueKind.Object || item.TextOf("Abbr") is not { } abbr)
            {
                return null;
            }

            abbrs.Add(abbr);
        }

        return abbrs;
    }
}
