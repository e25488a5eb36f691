namespace PodBench.Generators.Model;

/// <summary>Everything the emitter needs to write the runner's entry point.</summary>
/// <param name="PlanType">The plan class's runtime full name.</param>
/// <param name="TypeSyntax">The plan class with <c>global::</c>.</param>
/// <param name="EntryPoint">True to write <c>Main</c> (an Exe project that did not opt out).</param>
/// <param name="Pods">The pods, or null when they are not visible at compile time.</param>
internal sealed record EmitModel(string PlanType, string TypeSyntax, bool EntryPoint, EquatableArray<PodInfo>? Pods);
