namespace PodBench.Generators.Model;

/// <summary>An entry point the user wrote (a static <c>Main</c> or top-level statements).</summary>
/// <param name="Description">How the message names it, e.g. <c>Method 'App.Program.Main'</c>.</param>
/// <param name="Location">Where it is written.</param>
internal sealed record EntryPointInfo(string Description, LocationInfo? Location);
