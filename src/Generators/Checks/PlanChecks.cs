using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PodBench.Generators.Model;
using PodBench.Shared;

namespace PodBench.Generators.Checks;

/// <summary>The plan's rules on what the compiler can see; values only known at run time are skipped.</summary>
internal static class PlanChecks
{
    public static EquatableArray<DiagnosticInfo> Check(PlanModel plan, CancellationToken cancellation)
    {
        var bag = new DiagnosticBag();
        if (!plan.DerivesFromPlan)
        {
            bag.Add(PlanRuleIds.PlanNotDerived, plan.Location, plan.PlanType);
            return bag.ToArray();
        }

        if (plan.IsAbstract)
        {
            bag.Add(PlanRuleIds.PlanAbstract, plan.Location, plan.PlanType);
        }
        else if (!plan.HasPublicParameterlessConstructor)
        {
            bag.Add(PlanRuleIds.PlanNoPublicConstructor, plan.Location, plan.PlanType);
        }

        var models = CheckEntries(plan.Models, "models", "Model", PlanRuleIds.DuplicateModelAbbr, bag);
        foreach (var model in Objects(plan.Models, "ModelEndpoint"))
        {
            CheckModel(model, bag);
        }

        cancellation.ThrowIfCancellationRequested();
        var datasets = CheckEntries(plan.Datasets, "datasets", "Dataset", PlanRuleIds.DuplicateDatasetAbbr, bag);
        foreach (var dataset in Objects(plan.Datasets, "SyntheticDataset"))
        {
            CheckSynthetic(dataset, bag);
        }

        foreach (var dataset in Objects(plan.Datasets, "ShareGptDataset").Concat(Objects(plan.Datasets, "PromptJsonlDataset")))
        {
            CheckPromptFile(dataset, bag);
        }

        foreach (var dataset in Objects(plan.Datasets, "MultiTurnDataset"))
        {
            CheckMultiTurn(dataset, bag);
        }

        foreach (var dataset in Objects(plan.Datasets, "MultiTurnDataset").Concat(Objects(plan.Datasets, "ShareGptDataset")).Concat(Objects(plan.Datasets, "MtBenchDataset")))
        {
            if (dataset.Get("ThinkTime") is { Kind: ValueKind.Constant, Number: < 0 and var seconds } think)
            {
                bag.Add(PlanRuleIds.NegativeThinkTime, think.Location, dataset.TextOf("Abbr") ?? dataset.Member ?? "?", PlanRules.Seconds(seconds));
            }
        }

        if (plan.Pods is { Kind: ValueKind.List } pods)
        {
            PodChecks.Check(pods, models, datasets, bag);
            ApiChecks.CheckPods(pods, bag);
        }

        if (plan.Summary?.Get("Statistics") is { Kind: ValueKind.List } statistics)
        {
            CheckStatistics(statistics, bag);
        }

        if (plan.Summary?.Get("Goodput") is { Kind: ValueKind.Object } goodput)
        {
            foreach (var name in PlanRules.GoodputLimits)
            {
                if (goodput.Get(name) is { Kind: ValueKind.Constant, Number: { } ms } limit && !PlanRules.IsLegalGoodputLimit(ms))
                {
                    bag.Add(PlanRuleIds.GoodputLimitNotPositive, limit.Location, name, PlanRules.Number(ms));
                }
            }
        }

        if (plan.ServerMetrics is { Kind: ValueKind.Object } serverMetrics)
        {
            ServerMetricsChecks.Check(serverMetrics, PodResolver.Resolve(plan)?.Count, bag);
        }

        if (plan.Sweep is { Kind: ValueKind.Object } sweep)
        {
            SweepChecks.Check(sweep, plan.Summary, plan.Models, bag);
        }

        return bag.ToArray();
    }

    /// <summary>Checks abbrs and duplicates; returns the declared abbrs, or null when the list is not fully known.</summary>
    private static HashSet<string>? CheckEntries(PlanValue list, string plural, string kind, string duplicateId, DiagnosticBag bag)
    {
        if (list.Kind != ValueKind.List)
        {
            return null;
        }

        if (list.Items.Count == 0)
        {
            bag.Add(PlanRuleIds.EmptyPlan, list.Location, plural);
        }

        var complete = true;
        var first = new Dictionary<string, PlanValue>();
        foreach (var item in list.Items)
        {
            var abbr = item.Kind == ValueKind.Object ? item.Get("Abbr") : null;
            if (abbr is not { Kind: ValueKind.Constant, Text: { } text })
            {
                complete = false;
                if (abbr is { Kind: ValueKind.Null })
                {
                    bag.Add(PlanRuleIds.UnsafeAbbr, abbr.Location, kind, "", PlanRules.AbbrProblem(null)!);
                }

                continue;
            }

            if (PlanRules.AbbrProblem(text) is { } problem)
            {
                bag.Add(PlanRuleIds.UnsafeAbbr, abbr.Location, kind, text, problem);
            }

            if (first.TryGetValue(text, out var earlier))
            {
                var earlierAbbr = earlier.Get("Abbr")!;
                var here = abbr.Location == earlierAbbr.Location ? item.Location : abbr.Location;
                var there = abbr.Location == earlierAbbr.Location ? earlier.Location : earlierAbbr.Location;
                bag.AddWith(duplicateId, here, there, text);
            }
            else
            {
                first[text] = item;
            }
        }

        return complete ? new HashSet<string>(first.Keys) : null;
    }

    private static void CheckModel(PlanValue model, DiagnosticBag bag)
    {
        var name = model.TextOf("Abbr") ?? model.Member ?? "?";
        if (model.Get("Concurrency") is { Kind: ValueKind.Constant, Number: < 1 and var concurrency } c)
        {
            bag.Add(PlanRuleIds.ConcurrencyBelowOne, c.Location, name, PlanRules.Number(concurrency));
        }

        if (model.Get("Retry") is { Kind: ValueKind.Constant, Number: < 1 and var retry } r)
        {
            bag.Add(PlanRuleIds.RetryBelowOne, r.Location, name, PlanRules.Number(retry));
        }

        foreach (var member in PlanRules.WaitLimits)
        {
            if (model.Get(member) is { Kind: ValueKind.Constant, Number: { } seconds } limit && !PlanRules.IsLegalWaitLimit(seconds))
            {
                bag.Add(PlanRuleIds.WaitLimitOutOfRange, limit.Location, name, member, PlanRules.Seconds(seconds));
            }
        }

        if (model.Get("ApiKey") is { Kind: ValueKind.Object } key && key.Get("Literal") is { Kind: ValueKind.Constant })
        {
            bag.Add(PlanRuleIds.LiteralApiKey, key.Location, name);
        }

        ApiChecks.CheckModel(model, name, bag);
        ToolChecks.Check(model, name, bag);
    }

    private static void CheckSynthetic(PlanValue dataset, DiagnosticBag bag)
    {
        if (dataset.Get("RequestCount") is { Kind: ValueKind.Constant, Number: { } count } c && !PlanRules.InCountRange(count))
        {
            bag.Add(PlanRuleIds.RequestCountOutOfRange, c.Location, PlanRules.Number(count));
        }

        var size = dataset.Get("RequestSize");
        if (size is { Kind: ValueKind.Constant, Number: { } requestSize } && !PlanRules.InCountRange(requestSize))
        {
            bag.Add(PlanRuleIds.RequestSizeOutOfRange, size.Location, PlanRules.Number(requestSize));
        }

        double? knownSize = size is null ? (dataset.Partial ? null : 100) : size.Number;
        if (dataset.Get("PrefixLen") is { Kind: ValueKind.Constant, Number: { } prefix } p && knownSize is { } s && prefix > s)
        {
            bag.Add(PlanRuleIds.PrefixLenAboveRequestSize, p.Location, PlanRules.Number(prefix), PlanRules.Number(s));
        }

        foreach (var name in new[] { "Input", "Output" })
        {
            if (dataset.Get(name) is { Kind: ValueKind.Object } length)
            {
                CheckLength(length, bag);
            }
        }
    }

    private static void CheckMultiTurn(PlanValue dataset, DiagnosticBag bag)
    {
        var name = dataset.TextOf("Abbr") ?? dataset.Member ?? "?";
        foreach (var (member, max) in PlanRules.MultiTurnCounts)
        {
            if (dataset.Get(member) is { Kind: ValueKind.Constant, Number: { } value } v && (value < 1 || value > max))
            {
                bag.Add(PlanRuleIds.MultiTurnOptionOutOfRange, v.Location, name, member, PlanRules.Number(value), PlanRules.Number(max));
            }
        }

        foreach (var member in new[] { "Input", "Output" })
        {
            if (dataset.Get(member) is { Kind: ValueKind.Object } length)
            {
                CheckLength(length, bag);
            }
        }
    }

    private static void CheckPromptFile(PlanValue dataset, DiagnosticBag bag)
    {
        var name = dataset.TextOf("Abbr") ?? dataset.Member ?? "?";
        foreach (var member in PlanRules.PromptFileCounts)
        {
            if (dataset.Get(member) is { Kind: ValueKind.Constant, Number: { } value } v && !PlanRules.InCountRange(value))
            {
                bag.Add(PlanRuleIds.PromptFileOptionOutOfRange, v.Location, name, member, PlanRules.Number(value));
            }
        }

        foreach (var (minName, maxName) in PlanRules.PromptFileBounds)
        {
            if (dataset.Get(minName) is { Kind: ValueKind.Constant, Number: { } min } m && dataset.Get(maxName) is { Kind: ValueKind.Constant, Number: { } max } && min > max)
            {
                bag.Add(PlanRuleIds.PromptFileMinAboveMax, m.Location, name, minName, PlanRules.Number(min), maxName, PlanRules.Number(max));
            }
        }
    }

    private static void CheckLength(PlanValue length, DiagnosticBag bag)
    {
        var min = length.Get("MinValue");
        var max = length.Get("MaxValue");
        var minOk = CheckBound("MinValue", min, bag);
        var maxOk = CheckBound("MaxValue", max, bag);
        if (minOk && maxOk && min!.Number > max!.Number)
        {
            bag.Add(PlanRuleIds.LengthMinAboveMax, length.Location, PlanRules.Number(min.Number!.Value), PlanRules.Number(max.Number!.Value));
        }

        if (length.Get("Alpha") is { Kind: ValueKind.Constant, Number: { } alpha } a && length.TypeName == "ZipfLength" && !PlanRules.IsLegalZipfAlpha(alpha))
        {
            bag.Add(PlanRuleIds.ZipfAlphaOutOfRange, a.Location, PlanRules.Number(alpha));
        }

        if (length.Get("Var") is { Kind: ValueKind.Constant, Number: < 0 and var variance } v)
        {
            bag.Add(PlanRuleIds.NegativeVariance, v.Location, PlanRules.Number(variance));
        }
    }

    /// <summary>Reports a bound outside 1..2^20; true when the bound is known and legal.</summary>
    private static bool CheckBound(string name, PlanValue? bound, DiagnosticBag bag)
    {
        if (bound is not { Kind: ValueKind.Constant, Number: { } value })
        {
            return false;
        }

        if (PlanRules.InCountRange(value))
        {
            return true;
        }

        bag.Add(PlanRuleIds.LengthOutOfRange, bound.Location, name, PlanRules.Number(value));
        return false;
    }

    private static void CheckStatistics(PlanValue statistics, DiagnosticBag bag)
    {
        if (statistics.Items.Count > PlanRules.MaxStatistics)
        {
            bag.Add(PlanRuleIds.TooManyStatistics, statistics.Location, statistics.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var statistic in statistics.Items.Where(s => s.Kind == ValueKind.Object))
        {
            if (statistic.Get("Name") is { Kind: ValueKind.Constant, Text: { } name } && !PlanRules.IsLegalStatisticName(name))
            {
                bag.Add(PlanRuleIds.IllegalStatistic, statistic.Location, name);
            }

            if (statistic.Get("Percentile") is { Kind: ValueKind.Constant, Number: { } percentile } && !PlanRules.IsLegalPercentile(percentile))
            {
                bag.Add(PlanRuleIds.IllegalStatistic, statistic.Location, "P" + PlanRules.Number(percentile));
            }
        }
    }

    private static IEnumerable<PlanValue> Objects(PlanValue list, string type) =>
        list.Kind == ValueKind.List ? list.Items.Where(i => i.Kind == ValueKind.Object && i.TypeName == type) : Enumerable.Empty<PlanValue>();
}
