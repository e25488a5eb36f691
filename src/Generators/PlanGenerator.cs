using Microsoft.CodeAnalysis;

namespace PodBench.Generators;

/// <summary>Checks <c>[BenchmarkPlan]</c> classes and emits the runner's entry point.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class PlanGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
