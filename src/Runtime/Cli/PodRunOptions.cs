namespace PodBench.Runtime.Cli;

/// <summary>How one pod runs: where it writes, the per-run overrides, the simulator, reuse and the start barrier.</summary>
/// <param name="RunDirectory">The run folder shared by every pod of the run.</param>
/// <param name="Settings">Per-run overrides.</param>
/// <param name="SimulatorUrl">The simulated server for models with no address, if any.</param>
/// <param name="Reuse">Skip requests that already finished successfully in this run folder.</param>
/// <param name="Barrier">Wait for every pod at the start barrier on the shared volume.</param>
/// <param name="BarrierTimeoutSeconds">How long to wait at the barrier.</param>
internal sealed record PodRunOptions(string RunDirectory, Planning.RunSettings Settings, string? SimulatorUrl, bool Reuse, bool Barrier, double? BarrierTimeoutSeconds)
{
    /// <summary>The pods meet as pods of one machine (<see cref="Cluster.PodBarrierOptions.Local"/>): one clock, a 1 s margin.</summary>
    public bool LocalBarrier { get; init; }

    /// <summary>
    /// A merge follows (RunBenchmark, the all-pods <c>run</c>): the pod writes no task summary (<c>.csv</c>/<c>.json</c>,
    /// result tables) of a first, non-pressure attempt; its manifest takes the counts from the writer and the merge
    /// writes the task's files from its own pass.
    /// </summary>
    public bool MergeFollows { get; init; }
}
