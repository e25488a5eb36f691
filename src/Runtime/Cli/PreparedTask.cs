using System;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>
/// A task of a pod with everything ready before the pods meet at the start barrier: its rows (reuse already applied),
/// tokenizer, base URL, served model, and the engine after its warm-up (connection open). Disposing it closes them.
/// </summary>
internal sealed class PreparedTask(TaskSpec task, string prefix, int concurrency, PreparedRun engine, ConsoleProgress progress, TaskResume resume) : IDisposable
{
    /// <summary>The task as the plan lists it (its model without the served name).</summary>
    public TaskSpec Task { get; } = task;

    /// <summary>The console prefix <c>[model x dataset]</c>.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>This pod's share of the concurrency limit.</summary>
    public int Concurrency { get; } = concurrency;

    /// <summary>The warmed-up engine.</summary>
    public PreparedRun Engine { get; } = engine;

    /// <summary>The task's progress line, from its warm-up on.</summary>
    public ConsoleProgress Progress { get; } = progress;

    /// <summary>What earlier attempts of this pod at the task left: the requests finished and their files.</summary>
    public TaskResume Resume { get; } = resume;

    /// <summary>Rows whose prompt repeats an earlier row's (<see cref="Merge.PodTaskFiles.RepeatedPrompts"/>).</summary>
    public int RepeatedPrompts { get; init; }

    /// <summary>The endpoint with the served model name filled in.</summary>
    public ModelEndpoint Model => Engine.Request.Task.Model;

    /// <inheritdoc />
    public void Dispose() => Engine.Dispose();
}
