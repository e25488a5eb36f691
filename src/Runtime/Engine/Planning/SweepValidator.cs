using System.Collections.Generic;
using System.Globalization;
using PodBench.Dsl;
using PodBench.Shared;

namespace PodBench.Runtime.Planning;

/// <summary>The rules of <see cref="BenchmarkPlan.Sweep"/> (PB0043-PB0047) on the live plan, as the compiler checks them.</summary>
internal static class SweepValidator
{
    public static IEnumerable<PlanError> Check(BenchmarkPlan plan, string planName)
    {
        if (plan.Sweep is not { } sweep)
        {
            yield break;
        }

        var member = planName + ".Sweep";
        var rate = sweep.Dimension == SweepDimension.RequestRate;
        var levels = sweep.Levels ?? [];
        if (levels.Count == 0)
        {
            yield return PlanError.Of(PlanRuleIds.SweepNoLevels, member, PlanMessages.SweepNoLevels);
        }

        for (var i = 0; i < levels.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            if (PlanRules.SweepLevelProblem(rate, levels[i]) is { } problem)
            {
                yield return PlanError.Of(PlanRuleIds.SweepLevelOutOfRange, member, PlanMessages.SweepLevelOutOfRange, index, PlanRules.Number(levels[i]), problem);
            }
            else if (i > 0 && levels[i] <= levels[i - 1])
            {
                yield return PlanError.Of(PlanRuleIds.SweepLevelsNotIncreasing, member, PlanMessages.SweepLevelsNotIncreasing, index, PlanRules.Number(levels[i]), PlanRules.Number(levels[i - 1]));
            }
        }

        if (sweep.StopAtFailure && (plan.Summary?.Gates ?? []).Count == 0)
        {
            yield return PlanError.Of(PlanRuleIds.SweepSearchWithoutGates, member, PlanMessages.SweepSearchWithoutGates);
        }

        if (!rate)
        {
            yield break;
        }

        foreach (var model in plan.Models ?? [])
        {
            if (model?.UseTimestamp == true)
            {
                yield return PlanError.Of(PlanRuleIds.SweepRateNotApplied, member, PlanMessages.SweepRateNotApplied, model.Abbr, "UseTimestamp");
            }

            if (model?.RampUp is not null)
            {
                yield return PlanError.Of(PlanRuleIds.SweepRateNotApplied, member, PlanMessages.SweepRateNotApplied, model.Abbr, "RampUp");
            }
        }
    }
}
