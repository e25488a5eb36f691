namespace PodBench.Generators.Model;

/// <summary>The project properties the generator reads (through <c>CompilerVisibleProperty</c>).</summary>
/// <param name="OutputType">MSBuild <c>OutputType</c>, or null when it is not visible.</param>
/// <param name="GenerateEntryPoint">False when <c>PodBenchGenerateEntryPoint</c> is <c>false</c>.</param>
internal sealed record BuildOptions(string? OutputType, bool GenerateEntryPoint);
