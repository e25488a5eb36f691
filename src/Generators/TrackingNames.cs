namespace PodBench.Generators;

/// <summary>The names of the generator's pipeline steps, for incremental-cache tests and diagnostics.</summary>
internal static class TrackingNames
{
    public const string PlanModels = nameof(PlanModels);
    public const string PlanDiagnostics = nameof(PlanDiagnostics);
    public const string AllPlans = nameof(AllPlans);
    public const string BuildOptions = nameof(BuildOptions);
    public const string OutputKind = nameof(OutputKind);
    public const string EntryPoints = nameof(EntryPoints);
    public const string EntryPointsFound = nameof(EntryPointsFound);
    public const string EntryPointsNonNull = nameof(EntryPointsNonNull);
    public const string AllEntryPoints = nameof(AllEntryPoints);
    public const string WithOptions = nameof(WithOptions);
    public const string WithOutputKind = nameof(WithOutputKind);
    public const string WithEntryPoints = nameof(WithEntryPoints);
    public const string Project = nameof(Project);
}
