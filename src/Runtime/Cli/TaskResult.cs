using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>How one task of a pod ended, and the files it published.</summary>
internal sealed record TaskResult(TaskSpec Task, bool Completed, PodTaskFiles? Files)
{
    /// <summary>The task's first measured send, ns on the pod's UTC axis; null when it sent none.</summary>
    public long? FirstSendUtcNs { get; init; }

    /// <summary>The task's last measured completion, ns on the pod's UTC axis; null when it sent none.</summary>
    public long? LastEndUtcNs { get; init; }
}
