using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using PodBench.Generators.Model;
using PodBench.Shared;

namespace PodBench.Generators.Checks;

/// <summary>The project-level rules (one plan, no user entry point) and the decision of what to emit.</summary>
internal static class ProjectChecks
{
    public static ProjectModel Build(ImmutableArray<PlanModel> plans, BuildOptions options, OutputKind outputKind, ImmutableArray<EntryPointInfo> entryPoints)
    {
        if (plans.IsDefaultOrEmpty)
        {
            return new ProjectModel(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var bag = new DiagnosticBag();
        var ordered = plans.OrderBy(p => p.Location?.FilePath, StringComparer.Ordinal).ThenBy(p => p.Location?.Start ?? 0).ToArray();
        if (ordered.Length > 1)
        {
            foreach (var extra in ordered.Skip(1))
            {
                bag.AddWith(PlanRuleIds.MultiplePlans, extra.Location, ordered[0].Location, extra.PlanType, ordered[0].PlanType);
            }

            return new ProjectModel(null, bag.ToArray());
        }

        var plan = ordered[0];
        if (!plan.IsUsable)
        {
            return new ProjectModel(null, bag.ToArray());
        }

        var entryPoint = options.GenerateEntryPoint && IsExe(options.OutputType, outputKind);
        if (entryPoint && !entryPoints.IsDefaultOrEmpty)
        {
            foreach (var user in entryPoints)
            {
                bag.Add(PlanRuleIds.UserEntryPoint, user.Location, user.Description, plan.PlanType);
            }

            return new ProjectModel(null, bag.ToArray());
        }

        return new ProjectModel(new EmitModel(plan.PlanType, plan.TypeSyntax, entryPoint, PodResolver.Resolve(plan)), bag.ToArray());
    }

    private static bool IsExe(string? outputType, OutputKind outputKind) =>
        string.IsNullOrEmpty(outputType)
            ? outputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication
            : string.Equals(outputType, "Exe", StringComparison.OrdinalIgnoreCase) || string.Equals(outputType, "WinExe", StringComparison.OrdinalIgnoreCase);
}
