using System;
using System.Collections.Generic;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Refuses a run whose planned connections cannot fit under the open-file limit, before anything is sent
/// (<see cref="ProcessLimits"/>). A task's connections are its concurrency (its replica's share), at most the rows
/// of <c>NumPrompts</c> outside pressure mode, plus one for the warm-up; <c>MaxWorkers</c> tasks run at once.
/// </summary>
internal static class OpenFilesCheck
{
    /// <summary>Throws <see cref="UsageException"/> when <paramref name="pods"/>, run together in this process, do not fit.</summary>
    public static void Check(RunnerContext context, IReadOnlyList<int> pods, RunOptions run)
    {
        long connections = 0;
        var tasks = 0;
        foreach (var pod in pods)
        {
            var perTask = context.Pods[pod].Tasks.Select(t => Connections(t, run)).OrderDescending().Take(Math.Max(1, run.MaxWorkers)).ToArray();
            connections += perTask.Sum();
            tasks += perTask.Length;
        }

        var who = pods.Count == 1 ? $"pod {pods[0]}" : $"{pods.Count} pods in one process";
        if (ProcessLimits.CheckOpenFiles(who, connections, tasks) is { } message)
        {
            throw new UsageException(message);
        }
    }

    private static long Connections(TaskSpec task, RunOptions run)
    {
        long concurrency = ReplicaSplit.SplitConcurrency(task.Model.Concurrency, task.Replica, task.Replicas);
        if (!run.Pressure && run.NumPrompts is { } rows)
        {
            concurrency = Math.Min(concurrency, rows);
        }

        return concurrency + 1;
    }
}
