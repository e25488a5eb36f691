namespace PodBench.Dsl;

/// <summary>
/// Marks a class deriving from <see cref="BenchmarkPlan"/> as the plan of its project. The source generator
/// checks the plan at compile time and writes the runner's entry point for it.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BenchmarkPlanAttribute : System.Attribute
{
}
