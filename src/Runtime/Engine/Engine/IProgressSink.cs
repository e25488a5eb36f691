namespace PodBench.Runtime.Engine;

/// <summary>Receives live counters of a running task (about four times a second, from the warm-up on) and its end.</summary>
public interface IProgressSink
{
    /// <summary>
    /// Called periodically during the warm-up, before <see cref="OnStarted"/>, with the warm-up's counters (a hung
    /// server shows here first). Does nothing unless implemented.
    /// </summary>
    void OnWarmUp(ProgressSnapshot snapshot)
    {
    }

    /// <summary>Called once when the measured phase starts.</summary>
    void OnStarted(ProgressStart start);

    /// <summary>Called periodically with the current counters.</summary>
    void OnProgress(ProgressSnapshot snapshot);

    /// <summary>Called once when the task ends (also after a failure), with the last counters.</summary>
    void OnFinished(ProgressSnapshot snapshot);
}
