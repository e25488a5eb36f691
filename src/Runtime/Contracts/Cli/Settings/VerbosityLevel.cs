namespace PodBench.Runtime.Cli.Settings;

/// <summary>What <c>BenchmarkVerbosity</c> (the runner's <c>--verbosity</c>) asks for.</summary>
public static class VerbosityLevel
{
    /// <summary>Whether <paramref name="verbosity"/> asks for every table (<c>detailed</c> or <c>diagnostic</c>, as MSBuild's -v names them).</summary>
    public static bool IsDetailed(string? verbosity) =>
        verbosity?.Trim().ToLowerInvariant() is "detailed" or "d" or "diagnostic" or "diag";
}
