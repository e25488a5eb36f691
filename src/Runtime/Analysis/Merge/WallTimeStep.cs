namespace PodBench.Runtime.Merge;

/// <summary>One step of a run's wall time (<see cref="WallTime"/>).</summary>
/// <param name="Step">What ran.</param>
/// <param name="Seconds">Its wall time.</param>
public sealed record WallTimeStep(string Step, double Seconds);
