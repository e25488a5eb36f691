using PodBench.Generators.Model;
using PodBench.Shared;

namespace PodBench.Generators.Checks;

/// <summary>The rules of the plan's <c>Sweep</c> (PB0043-PB0047) on what the code shows.</summary>
internal static class SweepChecks
{
    public static void Check(PlanValue sweep, PlanValue? summary, PlanValue models, DiagnosticBag bag)
    {
        var rate = sweep.NumberOf("Dimension") is 1;
        if (sweep.Get("Levels") is { Kind: ValueKind.List } levels)
        {
            CheckLevels(levels, rate, bag);
        }

        if (sweep.NumberOf("StopAtFailure") is 1 && NoGates(summary))
        {
            bag.Add(PlanRuleIds.SweepSearchWithoutGates, sweep.Location);
        }

        if (rate && models.Kind == ValueKind.List)
        {
            foreach (var model in models.Items)
            {
                var abbr = model.TextOf("Abbr") ?? model.Member ?? "?";
                if (model.Get("UseTimestamp") is { Kind: ValueKind.Constant, Number: 1 } timestamps)
                {
                    bag.Add(PlanRuleIds.SweepRateNotApplied, timestamps.Location, abbr, "UseTimestamp");
                }

                if (model.Get("RampUp") is { Kind: ValueKind.Object } ramp)
                {
                    bag.Add(PlanRuleIds.SweepRateNotApplied, ramp.Location, abbr, "RampUp");
                }
            }
        }
    }

    private static void CheckLevels(PlanValue levels, bool rate, DiagnosticBag bag)
    {
        if (levels.Items.Count == 0)
        {
            bag.Add(PlanRuleIds.SweepNoLevels, levels.Location);
            return;
        }

        double? previous = null;
        for (var i = 0; i < levels.Items.Count; i++)
        {
            if (levels.Items[i] is not { Kind: ValueKind.Constant, Number: { } level } item)
            {
                previous = null;
                continue;
            }

            if (PlanRules.SweepLevelProblem(rate, level) is { } problem)
            {
                bag.Add(PlanRuleIds.SweepLevelOutOfRange, item.Location, Index(i), PlanRules.Number(level), problem);
            }
            else if (previous is { } before && level <= before)
            {
                bag.Add(PlanRuleIds.SweepLevelsNotIncreasing, item.Location, Index(i), PlanRules.Number(level), PlanRules.Number(before));
            }

            previous = level;
        }
    }

    private static string Index(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when the code shows that the summary has no gate (not overridden, the default, or an empty list).</summary>
    private static bool NoGates(PlanValue? summary) => summary switch
    {
        null => true,
        { Kind: ValueKind.Object, Partial: false } known => known.Get("Gates") is null or { Kind: ValueKind.List, Items.Count: 0 },
        _ => false,
    };
}
