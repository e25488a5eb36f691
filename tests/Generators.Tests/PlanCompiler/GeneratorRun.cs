using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PodBench.Generators.Tests.PlanCompiler;

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Input, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    /// <summary>The generated entry point's text, or null when nothing was emitted.</summary>
    public string? Generated => Result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).SingleOrDefault();

    /// <summary>Errors of compiling the plan together with the generated code.</summary>
    public ImmutableArray<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
}
