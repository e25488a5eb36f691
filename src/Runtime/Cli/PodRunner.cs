using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Runs one pod: records the plan, marks the pod started, prepares every task (rows, tokenizer, served model,
/// warm-up), meets the other pods at the start barrier, runs the tasks from the agreed instant (up to MaxWorkers at
/// once), then publishes the pod's manifest last, so that a merge can tell a finished pod from a dead one.
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
        if (PodResume.SkipComplete(layout, context.Pods, pod, plan.PlanHash, options.Reuse, plan.Sweep?.StopAtFailure == true, output))
        {
            return 0;
        }

        RunnerCpu.PodStarting();
        var clock = PodClock.Process;
        var started = DateTimeOffset.UtcNow;
        PodManifestWriter.WriteStarted(layout.Root, pod, plan.PlanHash, started);
        var run = context.EffectiveRun(options.Settings);
        var results = new List<TaskResult>();
        ServerMetricsScraper? scraper = null;
        long? measuredStart = null;
        long? agreedStart = null;
        try
        {
            void StartScraper() => scraper ??= ServerMetricsSetup.Start(context, pod, options, layout, clock, output);
            if (context.Plan.Sweep is null)
            {
                var stage = await RunStageAsync(context, spec.Tasks, layout.Root, pod, layout, run, options, clock, StartScraper, output, cancellationToken).ConfigureAwait(false);
                results.AddRange(stage.Results);
                (measuredStart, agreedStart) = (stage.MeasuredStart, stage.AgreedStart);
            }
            else
            {
                var search = new SweepSearch(context, layout, run.Pressure, plan.Gates);
                foreach (var level in PlanResolver.LevelsOf(context.Plan.Sweep))
                {
                    if (!search.AnyAlive)
                    {
                        break;
                    }

                    var tasks = spec.Tasks.Where(t => t.Level?.Index == level.Index && search.IsAlive(t)).ToList();
                    var folder = SweepSearch.LevelFolder(layout, level);
                    output.WriteLine($"pod {pod}: sweep level {level.Label} ({level.Index + 1} of {context.Plan.Sweep.Levels.Count}), {tasks.Count} task(s) here");
                    var stage = await RunStageAsync(context, tasks, folder, pod, layout, run, options, clock, StartScraper, output, cancellationToken).ConfigureAwait(false);
                    results.AddRange(stage.Results);
                    measuredStart ??= stage.MeasuredStart;
                    agreedStart ??= stage.AgreedStart;
                    if (context.Plan.Sweep.StopAtFailure)
                    {
                        if (options.Barrier)
                        {
                            await StartBarrier.MeetAsync(SweepSearch.DoneFolder(layout, level), pod, context.Pods.Count, options.BarrierTimeoutSeconds, options.LocalBarrier, clock, output, cancellationToken).ConfigureAwait(false);
                        }

                        foreach (var line in search.Decide(level))
                        {
                            output.WriteLine($"pod {pod}: {line}");
                        }
                    }
                }
            }
        }
        finally
        {
            if (scraper is not null)
            {
                await scraper.DisposeAsync().ConfigureAwait(false);
            }
        }

        var window = new PodMeasuredWindow(measuredStart ?? clock.NowUtcNs(), results.Min(r => r.FirstSendUtcNs), results.Max(r => r.LastEndUtcNs)) { AgreedStartUtcNs = agreedStart };
        var manifesting = RunnerCpu.StepStarted();
        var manifest = PodManifest.Create(layout.Root, pod, plan.PlanHash, clock, started, results.Where(r => r.Files is not null).Select(r => r.Files!), busyPollMicroseconds: Engine.Transport.EpollLoop.BusyPollMicroseconds) with { MeasuredWindow = window, Timings = RunnerCpu.Timings(clock) };
        PodManifestWriter.Write(layout.Root, manifest);
        RunnerCpu.StepEnded("manifest", manifesting);
        var failedTasks = results.Where(r => !r.Completed).Select(r => r.Task.Name).ToArray();
        if (failedTasks.Length > 0)
        {
            RunnerDiagnostics.Error(output, $"pod {pod}: {failedTasks.Length} task(s) did not complete: {string.Join(", ", failedTasks)}.");
            return 1;
        }

        output.WriteLine($"pod {pod}: done, manifest {PodManifestWriter.ManifestPath(layout.Root, pod)}");
        output.WriteLine($"pod {pod}: {RunnerCpu.Describe()}");
        if (RunnerCpu.DescribeSteps() is { } steps)
        {
            output.WriteLine($"pod {pod}: {steps}");
        }

        return 0;
    }

    /// <summary>
    /// One stage of the pod: prepares <paramref name="tasks"/>, meets the other pods at the barrier in
    /// <paramref name="barrierFolder"/> (the run folder itself for a run without a sweep and for a sweep's first level),
    /// runs the tasks from the agreed instant (up to MaxWorkers at once) and records the pod's start there.
    /// </summary>
    private static async Task<StageOutcome> RunStageAsync(RunnerContext context, IReadOnlyList<TaskSpec> tasks, string barrierFolder, int pod, RunLayout layout, Dsl.RunOptions run, PodRunOptions options, PodClock clock, Action prepared, TextWriter output, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, run.MaxWorkers);
        var ready = new PreparedTask?[tasks.Count];
        var results = new ConcurrentBag<TaskResult>();
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, tasks.Count),
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                async (i, token) => ready[i] = await TaskExecution.PrepareAsync(context, tasks[i], layout, run, options, clock, output, token).ConfigureAwait(false))
                .ConfigureAwait(false);

            foreach (var failed in tasks.Where((_, i) => ready[i] is null))
            {
                results.Add(new TaskResult(failed, false, null));
            }

            // The first MaxWorkers tasks set up their measured phase (files, clients) now, before the barrier, and all
            // start when the gate opens at the agreed instant; the others start when a worker frees up.
            var gate = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var runnable = ready.OfType<PreparedTask>().ToArray();
            prepared();
            var runs = Parallel.ForEachAsync(
                Enumerable.Range(0, runnable.Length),
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                async (k, token) =>
                {
                    using var task = runnable[k];
                    results.Add(await TaskExecution.RunAsync(context, task, layout, run, k < workers ? gate.Task : null, options.MergeFollows, output, token).ConfigureAwait(false));
                });
            long measuredStart;
            long? late = null;
            BarrierResult? barrier = null;
            try
            {
                if (options.Barrier)
                {
                    barrier = await StartBarrier.MeetAsync(barrierFolder, pod, context.Pods.Count, options.BarrierTimeoutSeconds, options.LocalBarrier, clock, output, cancellationToken).ConfigureAwait(false);
                }

                if (barrier is null)
                {
                    measuredStart = OpenNow(gate, clock);
                }
                else
                {
                    late = await StartBarrier.OpenAsync(barrier, clock, gate, output, cancellationToken).ConfigureAwait(false);
                    RunnerCpu.MeasuredPhaseOpened();
                    measuredStart = barrier.LocalStartUtcNs + late.Value;
                }
            }
            finally
            {
                // a failed or cancelled wait stops the tasks waiting at the gate; they end before their engines are disposed
                gate.TrySetCanceled(cancellationToken);
                await runs.ConfigureAwait(false);
            }

            if (barrier is not null && late is { } lateNs)
            {
                PodBarrier.RecordStart(barrierFolder, barrier, lateNs);
            }

            return new StageOutcome(tasks.Select(t => results.First(r => r.Task == t)).ToArray(), measuredStart, barrier?.LocalStartUtcNs);
        }
        finally
        {
            foreach (var task in ready)
            {
                task?.Dispose();
            }
        }
    }

    private static long OpenNow(TaskCompletionSource<long> gate, PodClock clock)
    {
        var now = PodClock.Now();
        RunnerCpu.MeasuredPhaseOpened();
        gate.SetResult(now);
        return clock.ToUtcNs(now);
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
