namespace PodBench.Runtime.Cli;

/// <summary>
/// The runner's exit codes that its callers act on: the MSBuild tasks (a failed gate is logged, not an error of the
/// runner) and the Kubernetes Jobs (a usage error is not retried).
/// </summary>
public static class RunnerExitCodes
{
    /// <summary>A usage or plan error.</summary>
    public const int Usage = 2;

    /// <summary>The run completed but an SLO gate failed.</summary>
    public const int Gate = 3;
}
