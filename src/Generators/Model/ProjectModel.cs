namespace PodBench.Generators.Model;

/// <summary>The project-level result: what to emit (null: nothing) and the project-level diagnostics.</summary>
internal sealed record ProjectModel(EmitModel? Emit, EquatableArray<DiagnosticInfo> Diagnostics);
