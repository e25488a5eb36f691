namespace PodBench.Generators.Model;

/// <summary>A <c>[BenchmarkPlan]</c> class as the compiler read it: its shape and the values of its members.</summary>
/// <param name="PlanType">The class's runtime full name (nested types joined with '+').</param>
/// <param name="TypeSyntax">The class as C# names it from anywhere, with <c>global::</c>.</param>
/// <param name="Location">The class name in its declaration.</param>
/// <param name="DerivesFromPlan">True when the class derives from <c>PodBench.Dsl.BenchmarkPlan</c>.</param>
/// <param name="IsAbstract">True when the runner could not create it (abstract or static).</param>
/// <param name="HasPublicParameterlessConstructor">True when <c>new T()</c> works from generated code.</param>
/// <param name="Models">The value of <c>Models</c>.</param>
/// <param name="Datasets">The value of <c>Datasets</c>.</param>
/// <param name="Pods">The value of <c>Pods</c>, or null when the plan does not override it (every model x dataset).</param>
/// <param name="Summary">The value of <c>Summary</c>, or null when the plan does not override it.</param>
internal sealed record PlanModel(
    string PlanType,
    string TypeSyntax,
    LocationInfo? Location,
    bool DerivesFromPlan,
    bool IsAbstract,
    bool HasPublicParameterlessConstructor,
    PlanValue Models,
    PlanValue Datasets,
    PlanValue? Pods,
    PlanValue? Summary)
{
    /// <summary>The value of <c>ServerMetrics</c>, or null when the plan does not override it (nothing scraped).</summary>
    public PlanValue? ServerMetrics { get; init; }

    /// <summary>The value of <c>Sweep</c>, or null when the plan does not override it (no sweep).</summary>
    public PlanValue? Sweep { get; init; }

    /// <summary>True when generated code can create the plan: derived, concrete, with a public parameterless constructor.</summary>
    public bool IsUsable => DerivesFromPlan && !IsAbstract && HasPublicParameterlessConstructor;
}
