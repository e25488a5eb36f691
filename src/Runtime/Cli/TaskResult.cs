using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>How one task of a pod ended, and the files it published.</summary>
internal sealed record TaskResult(TaskSpec Task, bool Completed, PodTaskFiles? Files);
