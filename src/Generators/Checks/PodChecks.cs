using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PodBench.Generators.Model;
using PodBench.Shared;

namespace PodBench.Generators.Checks;

/// <summary>The rules on <c>Pods</c>: declared members, no empty group, replicas, no identical groups.</summary>
internal static class PodChecks
{
    public static void Check(PlanValue pods, HashSet<string>? models, HashSet<string>? datasets, DiagnosticBag bag)
    {
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < pods.Items.Count; i++)
        {
            var group = pods.Items[i];
            if (group is not { Kind: ValueKind.Object, TypeName: "PodGroup" })
            {
                continue;
            }

            var index = i.ToString(CultureInfo.InvariantCulture);
            var modelAbbrs = Members(group, "Models", "models", PlanRuleIds.UndeclaredModel, models, index, bag);
            var datasetAbbrs = Members(group, "Datasets", "datasets", PlanRuleIds.UndeclaredDataset, datasets, index, bag);

            if (group.Get("Replicas") is { Kind: ValueKind.Constant, Number: < 1 and var replicas } r)
            {
                bag.Add(PlanRuleIds.ReplicasBelowOne, r.Location, index, PlanRules.Number(replicas));
            }

            if (modelAbbrs is null || datasetAbbrs is null || modelAbbrs.Count == 0 || datasetAbbrs.Count == 0)
            {
                continue;
            }

            var key = string.Join("\n", modelAbbrs.OrderBy(a => a, System.StringComparer.Ordinal)) + "\n\n"
                + string.Join("\n", datasetAbbrs.OrderBy(a => a, System.StringComparer.Ordinal));
            if (seen.TryGetValue(key, out var earlier))
            {
                bag.AddWith(PlanRuleIds.DuplicatePodGroup, group.Location, pods.Items[earlier].Location, index, earlier.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                seen[key] = i;
            }
        }
    }

    /// <summary>Checks one side of a group; returns its abbrs, or null when some are not known.</summary>
    private static List<string>? Members(PlanValue group, string property, string plural, string undeclaredId, HashSet<string>? declared, string index, DiagnosticBag bag)
    {
        if (group.Get(property) is not { Kind: ValueKind.List } list)
        {
            return null;
        }

        if (list.Items.Count == 0)
        {
            bag.Add(PlanRuleIds.EmptyPodGroup, list.Location, index, plural);
            return null;
        }

        var abbrs = new List<string>();
        var complete = true;
        foreach (var item in list.Items)
        {
            if (item.Kind == ValueKind.Object && item.TextOf("Abbr") is { } abbr)
            {
                abbrs.Add(abbr);
                if (declared is not null && !declared.Contains(abbr))
                {
                    bag.Add(undeclaredId, item.Location, index, abbr);
                }
            }
            else
            {
                complete = false;
            }
        }

        return complete ? abbrs : null;
    }
}
