using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Runs one pod: records the plan, marks the pod started, runs its tasks (up to MaxWorkers at once), then publishes
/// the pod's manifest last, so that a merge can tell a finished pod from a dead one.
/// </summary>
internal static class PodRunner
{
    public static async Task<int> RunAsync(RunnerContext context, int pod, PodRunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var spec = context.Pods[pod];
        var layout = new RunLayout(options.RunDirectory);
        Directory.CreateDirectory(layout.Root);
        using var owner = RunFolderLock.TryAcquire(layout.PodLockFile(pod), out var holder)
            ?? throw new UsageException($"pod {pod} of the run {layout.Root} is held by {holder}; nothing was sent. Let that run (or merge) finish, or stop it, then run this again.");
        var plan = context.Listing(options.Settings).Plan;
        RecordPlan(layout, plan);
        if (PodResume.SkipComplete(layout, context.Pods, pod, plan.PlanHash, options.Reuse, output))
        {
            return 0;
        }

        var clock = PodClock.Process;
        var started = DateTimeOffset.UtcNow;
        PodManifestWriter.WriteStarted(layout.Root, pod, plan.PlanHash, started);
        if (options.Barrier)
        {
            await StartBarrier.WaitAsync(layout.Root, pod, context.Pods.Count, options.BarrierTimeoutSeconds, clock, output, cancellationToken).ConfigureAwait(false);
        }

        var run = context.EffectiveRun(options.Settings);
        var results = new ConcurrentBag<TaskResult>();
        await Parallel.ForEachAsync(
            spec.Tasks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, run.MaxWorkers), CancellationToken = cancellationToken },
            async (task, token) => results.Add(await TaskExecution.RunAsync(context, task, layout, run, options, clock, output, token).ConfigureAwait(false)))
            .ConfigureAwait(false);

        var ordered = spec.Tasks.Select(t => results.First(r => r.Task == t)).ToArray();
        var manifest = PodManifest.Create(layout.Root, pod, plan.PlanHash, clock, started, ordered.Where(r => r.Files is not null).Select(r => r.Files!), busyPollMicroseconds: Engine.Transport.EpollLoop.BusyPollMicroseconds);
        PodManifestWriter.Write(layout.Root, manifest);
        var failedTasks = ordered.Where(r => !r.Completed).Select(r => r.Task.Name).ToArray();
        if (failedTasks.Length > 0)
        {
            output.WriteLine($"error: pod {pod}: {failedTasks.Length} task(s) did not complete: {string.Join(", ", failedTasks)}.");
            return 1;
        }

        output.WriteLine($"pod {pod}: done, manifest {PodManifestWriter.ManifestPath(layout.Root, pod)}");
        return 0;
    }

    /// <summary>Writes plan.json, or checks that the one already in the run folder is the same plan.</summary>
    private static void RecordPlan(RunLayout layout, PlanDocument plan)
    {
        if (File.Exists(layout.PlanFile))
        {
            var existing = PlanDocument.Read(layout.PlanFile);
            if (existing.PlanHash != plan.PlanHash)
            {
                throw new UsageException($"The run folder {layout.Root} holds a run of a different plan or settings (plan hash {existing.PlanHash}, this one {plan.PlanHash}); choose another BenchmarkRun.");
            }

            return;
        }

        plan.Write(layout.PlanFile);
    }
}
