using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PodBench.Generators.Checks;
using PodBench.Generators.Emit;
using PodBench.Generators.Model;
using PodBench.Generators.Parsing;

namespace PodBench.Generators;

/// <summary>
/// Checks <c>[BenchmarkPlan]</c> classes (reporting each broken rule at the line that breaks it) and writes the
/// runner's entry point, <c>PodBench.Generated.BenchmarkProgram</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PlanGenerator : IIncrementalGenerator
{
    private const string AttributeName = "PodBench.Dsl.BenchmarkPlanAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var plans = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax, PlanParser.Parse)
            .WithTrackingName(TrackingNames.PlanModels);

        var planDiagnostics = plans
            .Select(static (plan, cancellation) => PlanChecks.Check(plan, cancellation))
            .WithTrackingName(TrackingNames.PlanDiagnostics);
        context.RegisterSourceOutput(planDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.BuildOptions);
        var outputKind = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Options.OutputKind)
            .WithTrackingName(TrackingNames.OutputKind);
        var entryPoints = context.SyntaxProvider
            .CreateSyntaxProvider(EntryPointFinder.IsCandidate, EntryPointFinder.Read)
            .WithTrackingName(TrackingNames.EntryPoints)
            .Where(static e => e is not null)
            .WithTrackingName(TrackingNames.EntryPointsFound)
            .Select(static (e, _) => e!)
            .WithTrackingName(TrackingNames.EntryPointsNonNull)
            .Collect()
            .WithTrackingName(TrackingNames.AllEntryPoints);

        var project = plans.Collect().WithTrackingName(TrackingNames.AllPlans)
            .Combine(options).WithTrackingName(TrackingNames.WithOptions)
            .Combine(outputKind).WithTrackingName(TrackingNames.WithOutputKind)
            .Combine(entryPoints).WithTrackingName(TrackingNames.WithEntryPoints)
            .Select(static (input, _) => ProjectChecks.Build(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Project);

        context.RegisterSourceOutput(project, static (spc, model) =>
        {
            Report(spc, model.Diagnostics);
            if (model.Emit is { } emit)
            {
                spc.AddSource(PlanEmitter.HintName, PlanEmitter.Emit(emit));
            }
        });
    }

    private static BuildOptions ReadOptions(AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.OutputType", out var outputType);
        options.TryGetValue("build_property.PodBenchGenerateEntryPoint", out var generate);
        return new BuildOptions(
            string.IsNullOrWhiteSpace(outputType) ? null : outputType!.Trim(),
            !string.Equals(generate?.Trim(), "false", StringComparison.OrdinalIgnoreCase));
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var info in diagnostics)
        {
            var additional = info.Additional is null ? null : new[] { info.Additional.ToLocation() };
            var arguments = new object[info.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = info.Arguments[i];
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.Get(info.Id),
                info.Location?.ToLocation() ?? Location.None,
                additional,
                arguments));
        }
    }
}
