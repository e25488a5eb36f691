using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PodBench.Dsl;
using PodBench.Shared;

namespace PodBench.Runtime.Planning;

/// <summary>
/// The plan rules applied to a live plan when the runner starts: the values the compiler could not see (computed
/// at run time) are checked here with the same ids and words as the compiler's diagnostics (docs/diagnostics.md).
/// </summary>
public static class PlanValidator
{
    /// <summary>Every broken rule of <paramref name="plan"/> (errors and warnings), in plan order.</summary>
    public static IReadOnlyList<PlanError> Validate(BenchmarkPlan plan)
    {
        var names = new PlanMemberNames(plan);
        var errors = new List<PlanError>();
        var models = CheckEntries(plan.Models, "models", "Model", PlanRuleIds.DuplicateModelAbbr, names, errors);
        for (var i = 0; i < models.Count; i++)
        {
            CheckModel(models[i], names.Of(models[i], $"Models[{i}]"), errors);
        }

        var datasets = CheckEntries(plan.Datasets, "datasets", "Dataset", PlanRuleIds.DuplicateDatasetAbbr, names, errors);
        for (var i = 0; i < datasets.Count; i++)
        {
            if (datasets[i] is SyntheticDataset synthetic)
            {
                CheckSynthetic(synthetic, names.Of(synthetic, $"Datasets[{i}]"), errors);
            }
            else if (datasets[i] is PromptFileDataset file)
            {
                CheckPromptFile(file, names.Of(file, $"Datasets[{i}]"), errors);
            }
            else if (datasets[i] is MultiTurnDataset sessions)
            {
                CheckMultiTurn(sessions, names.Of(sessions, $"Datasets[{i}]"), errors);
            }

            if (datasets[i] is MultiTurnDataset { ThinkTime.TotalSeconds: < 0 } or ShareGptDataset { ThinkTime.TotalSeconds: < 0 } or MtBenchDataset { ThinkTime.TotalSeconds: < 0 })
            {
                var think = datasets[i] switch { MultiTurnDataset m => m.ThinkTime, MtBenchDataset b => b.ThinkTime, _ => ((ShareGptDataset)datasets[i]).ThinkTime };
                Add(errors, PlanRuleIds.NegativeThinkTime, names.Of(datasets[i], $"Datasets[{i}]"), PlanMessages.NegativeThinkTime, datasets[i].Abbr, PlanRules.Seconds(think.TotalSeconds));
            }
        }

        CheckPods(plan.Pods ?? [], models, datasets, names, errors);
        CheckStatistics(plan.Summary?.Statistics ?? [], names.PlanName + ".Summary.Statistics", errors);
        CheckGoodput(plan.Summary?.Goodput, names.PlanName + ".Summary.Goodput", errors);
        errors.AddRange(ServerMetricsValidator.Check(plan, names.PlanName));
        errors.AddRange(SweepValidator.Check(plan, names.PlanName));
        return errors;
    }

    private static List<T> CheckEntries<T>(IReadOnlyList<T>? list, string plural, string kind, string duplicateId, PlanMemberNames names, List<PlanError> errors)
        where T : class
    {
        var property = kind == "Model" ? "Models" : "Datasets";
        var entries = new List<T>();
        if (list is null || list.Count == 0)
        {
            Add(errors, PlanRuleIds.EmptyPlan, names.PlanName + "." + property, PlanMessages.EmptyPlan, plural);
            return entries;
        }

        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var entry = list[i];
            var member = names.Of(entry, $"{property}[{i}]");
            if (entry is null)
            {
                errors.Add(new PlanError(PlanRuleIds.UnsafeAbbr, member, $"{property}[{i}] is null"));
                continue;
            }

            entries.Add(entry);
            var abbr = entry is ModelEndpoint m ? m.Abbr : ((Dataset)(object)entry).Abbr;
            if (PlanRules.AbbrProblem(abbr) is { } problem)
            {
                Add(errors, PlanRuleIds.UnsafeAbbr, member, PlanMessages.UnsafeAbbr, kind, abbr ?? "", problem);
            }

            if (abbr is not null && !seen.Add(abbr))
            {
                Add(errors, duplicateId, member, kind == "Model" ? PlanMessages.DuplicateModelAbbr : PlanMessages.DuplicateDatasetAbbr, abbr);
            }
        }

        return entries;
    }

    private static void CheckModel(ModelEndpoint model, string member, List<PlanError> errors)
    {
        if (model.Concurrency < 1)
        {
            Add(errors, PlanRuleIds.ConcurrencyBelowOne, member, PlanMessages.ConcurrencyBelowOne, model.Abbr, Int(model.Concurrency));
        }

        if (model.Retry < 1)
        {
            Add(errors, PlanRuleIds.RetryBelowOne, member, PlanMessages.RetryBelowOne, model.Abbr, Int(model.Retry));
        }

        foreach (var (name, limit) in new[] { (nameof(ModelEndpoint.HeaderTimeout), model.HeaderTimeout), (nameof(ModelEndpoint.IdleTimeout), model.IdleTimeout) })
        {
            if (!PlanRules.IsLegalWaitLimit(limit.TotalSeconds))
            {
                Add(errors, PlanRuleIds.WaitLimitOutOfRange, member, PlanMessages.WaitLimitOutOfRange, model.Abbr, name, PlanRules.Seconds(limit.TotalSeconds));
            }
        }

        if (model.ApiKey?.Literal is not null)
        {
            Add(errors, PlanRuleIds.LiteralApiKey, member, PlanMessages.LiteralApiKey, model.Abbr);
        }

        if (model.Model is { } served && !PlanApis.SendsModelName((int)model.Api))
        {
            Add(errors, PlanRuleIds.ModelNameNotSent, member, PlanMessages.ModelNameNotSent, model.Abbr, served, PlanApis.Name((int)model.Api));
        }
        errors.AddRange(ToolValidator.Check(model, member));
    }

    private static void CheckSynthetic(SyntheticDataset dataset, string member, List<PlanError> errors)
    {
        if (!PlanRules.InCountRange(dataset.RequestCount))
        {
            Add(errors, PlanRuleIds.RequestCountOutOfRange, member, PlanMessages.RequestCountOutOfRange, Int(dataset.RequestCount));
        }

        if (!PlanRules.InCountRange(dataset.RequestSize))
        {
            Add(errors, PlanRuleIds.RequestSizeOutOfRange, member, PlanMessages.RequestSizeOutOfRange, Int(dataset.RequestSize));
        }

        if (dataset.PrefixLen > dataset.RequestSize)
        {
            Add(errors, PlanRuleIds.PrefixLenAboveRequestSize, member, PlanMessages.PrefixLenAboveRequestSize, Int(dataset.PrefixLen), Int(dataset.RequestSize));
        }

        CheckLength(dataset.Input, member + ".Input", errors);
        CheckLength(dataset.Output, member + ".Output", errors);
    }

    private static void CheckLength(LengthDistribution? length, string member, List<PlanError> errors)
    {
        if (length is null)
        {
            return;
        }

        var minOk = CheckBound("MinValue", length.MinValue, member, errors);
        var maxOk = CheckBound("MaxValue", length.MaxValue, member, errors);
        if (minOk && maxOk && length.MinValue > length.MaxValue)
        {
            Add(errors, PlanRuleIds.LengthMinAboveMax, member, PlanMessages.LengthMinAboveMax, Int(length.MinValue), Int(length.MaxValue));
        }

        if (length is ZipfLength zipf && !PlanRules.IsLegalZipfAlpha(zipf.Alpha))
        {
            Add(errors, PlanRuleIds.ZipfAlphaOutOfRange, member, PlanMessages.ZipfAlphaOutOfRange, PlanRules.Number(zipf.Alpha));
        }

        if (length is GaussianLength gaussian && gaussian.Var < 0)
        {
            Add(errors, PlanRuleIds.NegativeVariance, member, PlanMessages.NegativeVariance, PlanRules.Number(gaussian.Var));
        }
    }

    private static void CheckPromptFile(PromptFileDataset dataset, string member, List<PlanError> errors)
    {
        var values = new Dictionary<string, int?>
        {
            ["MinPromptLen"] = dataset.MinPromptLen,
            ["MaxPromptLen"] = dataset.MaxPromptLen,
            ["MinOutputLen"] = dataset.MinOutputLen,
            ["MaxOutputLen"] = dataset.MaxOutputLen,
            ["OutputLen"] = dataset.OutputLen,
            ["SampleCount"] = dataset.SampleCount,
        };
        foreach (var name in PlanRules.PromptFileCounts)
        {
            if (values[name] is { } value && !PlanRules.InCountRange(value))
            {
                Add(errors, PlanRuleIds.PromptFileOptionOutOfRange, member, PlanMessages.PromptFileOptionOutOfRange, dataset.Abbr, name, Int(value));
            }
        }

        foreach (var (min, max) in PlanRules.PromptFileBounds)
        {
            if (values[min] is { } low && values[max] is { } high && low > high)
            {
                Add(errors, PlanRuleIds.PromptFileMinAboveMax, member, PlanMessages.PromptFileMinAboveMax, dataset.Abbr, min, Int(low), max, Int(high));
            }
        }
    }

    private static void CheckMultiTurn(MultiTurnDataset dataset, string member, List<PlanError> errors)
    {
        foreach (var (name, max) in PlanRules.MultiTurnCounts)
        {
            var value = name == "Sessions" ? dataset.Sessions : dataset.Turns;
            if (value < 1 || value > max)
            {
                Add(errors, PlanRuleIds.MultiTurnOptionOutOfRange, member, PlanMessages.MultiTurnOptionOutOfRange, dataset.Abbr, name, Int(value), Int(max));
            }
        }

        CheckLength(dataset.Input, member + ".Input", errors);
        CheckLength(dataset.Output, member + ".Output", errors);
    }

    private static void CheckGoodput(GoodputSlo? goodput, string member, List<PlanError> errors)
    {
        if (goodput is null)
        {
            return;
        }

        foreach (var (name, limit) in new[] { ("TtftMs", goodput.TtftMs), ("TpotMs", goodput.TpotMs), ("E2elMs", goodput.E2elMs) })
        {
            if (limit is { } ms && !PlanRules.IsLegalGoodputLimit(ms))
            {
                Add(errors, PlanRuleIds.GoodputLimitNotPositive, member, PlanMessages.GoodputLimitNotPositive, name, PlanRules.Number(ms));
            }
        }
    }

    private static bool CheckBound(string name, int value, string member, List<PlanError> errors)
    {
        if (PlanRules.InCountRange(value))
        {
            return true;
        }

        Add(errors, PlanRuleIds.LengthOutOfRange, member, PlanMessages.LengthOutOfRange, name, Int(value));
        return false;
    }

    private static void CheckPods(IReadOnlyList<PodGroup> pods, List<ModelEndpoint> models, List<Dataset> datasets, PlanMemberNames names, List<PlanError> errors)
    {
        var declaredModels = new HashSet<string?>(models.Select(m => m.Abbr));
        var declaredDatasets = new HashSet<string?>(datasets.Select(d => d.Abbr));
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < pods.Count; i++)
        {
            var group = pods[i];
            var index = Int(i);
            var member = names.Of(group, $"Pods[{i}]");
            if (group is null)
            {
                Add(errors, PlanRuleIds.EmptyPodGroup, member, PlanMessages.EmptyPodGroup, index, "models");
                continue;
            }

            var groupModels = (group.Models ?? []).Where(m => m is not null).ToList();
            var groupDatasets = (group.Datasets ?? []).Where(d => d is not null).ToList();
            if (groupModels.Count == 0)
            {
                Add(errors, PlanRuleIds.EmptyPodGroup, member, PlanMessages.EmptyPodGroup, index, "models");
            }

            if (groupDatasets.Count == 0)
            {
                Add(errors, PlanRuleIds.EmptyPodGroup, member, PlanMessages.EmptyPodGroup, index, "datasets");
            }

            foreach (var model in groupModels.Where(m => !declaredModels.Contains(m.Abbr)))
            {
                Add(errors, PlanRuleIds.UndeclaredModel, member, PlanMessages.UndeclaredModel, index, model.Abbr);
            }

            foreach (var dataset in groupDatasets.Where(d => !declaredDatasets.Contains(d.Abbr)))
            {
                Add(errors, PlanRuleIds.UndeclaredDataset, member, PlanMessages.UndeclaredDataset, index, dataset.Abbr);
            }

            if (group.Replicas < 1)
            {
                Add(errors, PlanRuleIds.ReplicasBelowOne, member, PlanMessages.ReplicasBelowOne, index, Int(group.Replicas));
            }

            foreach (var model in groupModels.Where(m => !PlanApis.IsChat((int)m.Api)))
            {
                foreach (var dataset in groupDatasets.Where(d => d is MultiTurnDataset or ShareGptDataset { MultiTurn: true }))
                {
                    Add(errors, PlanRuleIds.MultiTurnNeedsChatApi, member, PlanMessages.MultiTurnNeedsChatApi, index, dataset.Abbr, model.Abbr, PlanApis.Name((int)model.Api));
                }
            }

            if (groupModels.Count == 0 || groupDatasets.Count == 0)
            {
                continue;
            }

            var key = string.Join("\n", groupModels.Select(m => m.Abbr).Order(System.StringComparer.Ordinal)) + "\n\n"
                + string.Join("\n", groupDatasets.Select(d => d.Abbr).Order(System.StringComparer.Ordinal));
            if (seen.TryGetValue(key, out var earlier))
            {
                Add(errors, PlanRuleIds.DuplicatePodGroup, member, PlanMessages.DuplicatePodGroup, index, Int(earlier));
            }
            else
            {
                seen[key] = i;
            }
        }
    }

    private static void CheckStatistics(IReadOnlyList<Statistic> statistics, string member, List<PlanError> errors)
    {
        if (statistics.Count > PlanRules.MaxStatistics)
        {
            Add(errors, PlanRuleIds.TooManyStatistics, member, PlanMessages.TooManyStatistics, Int(statistics.Count));
        }

        foreach (var statistic in statistics.Where(s => !PlanRules.IsLegalStatisticName(s.Name)))
        {
            Add(errors, PlanRuleIds.IllegalStatistic, member, PlanMessages.IllegalStatistic, statistic.Name ?? "");
        }
    }

    private static void Add(List<PlanError> errors, string id, string member, string format, params object?[] args) =>
        errors.Add(PlanError.Of(id, member, format, args));

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
