namespace PodBench.Runtime.Engine;

/// <summary>Receives live counters of a running task (about four times a second) and its end.</summary>
public interface IProgressSink
{
    /// <summary>Called once when the measured phase starts.</summary>
    void OnStarted(ProgressStart start);

    /// <summary>Called periodically with the current counters.</summary>
    void OnProgress(ProgressSnapshot snapshot);

    /// <summary>Called once when the task ends (also after a failure), with the last counters.</summary>
    void OnFinished(ProgressSnapshot snapshot);
}
