using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Engine.Transport;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Runs one task of one pod in two phases: <see cref="PrepareAsync(TaskRunRequest, IProgressSink?, CancellationToken)"/> (served model, transport, warm-up), then
/// <see cref="RunAsync(PreparedRun, IRecordSink, IProgressSink?, Task{long}?, CancellationToken)"/>, the measured
/// requests (pressure, paced, trace replay or unpaced), each record written to the sink as its request finishes, from
/// an instant the pods may agree on. Nothing per request is kept after it is written.
/// </summary>
public static class TaskRunner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Prepares and runs the task and returns its outcome (<see cref="PrepareAsync(TaskRunRequest, IProgressSink?, CancellationToken)"/>, then the measured phase at once).
    /// Throws <see cref="WarmUpFailedException"/> when every warm-up request failed, <see cref="ArgumentException"/> for a
    /// bad plan member, and <see cref="OperationCanceledException"/> when cancelled (records of requests that finished
    /// were already written).
    /// </summary>
    /// <param name="request">The task, its endpoint, rows, run options and clock.</param>
    /// <param name="sink">Receives every measured request as it finishes (warm-ups are not passed).</param>
    /// <param name="progress">Receives live counters; null for none.</param>
    /// <param name="cancellationToken">Stops the task; requests in flight are cancelled and recorded as failed.</param>
    public static async Task<TaskOutcome> RunAsync(TaskRunRequest request, IRecordSink sink, IProgressSink? progress, CancellationToken cancellationToken)
    {
        using var prepared = await PrepareAsync(request, progress, cancellationToken).ConfigureAwait(false);
        return await RunAsync(prepared, sink, progress, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Everything before the first measured request: the schedule, the served model (asked of the server when the
    /// endpoint names none), the transport and the warm-up, whose connection stays open for the measured phase.
    /// Throws <see cref="WarmUpFailedException"/> when every warm-up request failed, <see cref="ArgumentException"/>
    /// for a bad plan member.
    /// </summary>
    public static Task<PreparedRun> PrepareAsync(TaskRunRequest request, CancellationToken cancellationToken) =>
        PrepareAsync(request, null, cancellationToken);

    /// <summary>
    /// <see cref="PrepareAsync(TaskRunRequest, CancellationToken)"/>, reporting the warm-up's counters to
    /// <paramref name="progress"/> (<see cref="IProgressSink.OnWarmUp"/>) while it runs.
    /// </summary>
    public static async Task<PreparedRun> PrepareAsync(TaskRunRequest request, IProgressSink? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = request.Task.Model;
        var plan = TaskPlan.Create(request);
        // MindIE's and TGI's native APIs send no model name, so there is none to ask for
        var model = endpoint.Model ?? (!PodBench.Shared.PlanApis.SendsModelName((int)endpoint.Api) ? ""
            : await ModelDiscovery.GetFirstModelIdAsync(request.BaseUrl, request.ApiKey, endpoint.Tls, null, cancellationToken).ConfigureAwait(false));

        var transport = TransportFactory.Create(endpoint with { Model = model }, request.BaseUrl, request.ApiKey, plan.Concurrency + 1);
        var pool = new ContextPool();
        var prepared = new PreparedRun(request, plan, transport, pool, new StallWatch(pool, endpoint), new RequestExecutor(transport, model, request), new EngineCounters());
        try
        {
            await WarmUpAsync(prepared, progress, cancellationToken).ConfigureAwait(false);
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The measured phase of a prepared task. With <paramref name="start"/> it sets everything up, then waits for that
    /// task: it completes at the instant the pods agreed on, with the phase's origin (a <see cref="Stopwatch"/>
    /// reading); a pressure run ends at that origin plus the pressure time. Without it the phase starts now.
    /// Throws <see cref="OperationCanceledException"/> when cancelled (finished requests were already written).
    /// </summary>
    /// <param name="prepared">The task from <see cref="PrepareAsync(TaskRunRequest, IProgressSink?, CancellationToken)"/>; it runs once.</param>
    /// <param name="sink">Receives every measured request as it finishes.</param>
    /// <param name="progress">Receives live counters; null for none.</param>
    /// <param name="start">Completes at the agreed start with the origin; null to start now.</param>
    /// <param name="cancellationToken">Stops the task; requests in flight are cancelled and recorded as failed.</param>
    public static async Task<TaskOutcome> RunAsync(PreparedRun prepared, IRecordSink sink, IProgressSink? progress, Task<long>? start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(sink);
        if (prepared.Started)
        {
            throw new InvalidOperationException($"Task {prepared.Request.Task.Name}: a prepared run runs once.");
        }

        prepared.Started = true;
        var request = prepared.Request;
        var plan = prepared.Plan;
        var executor = prepared.Executor;
        var counters = new EngineCounters();
        executor.Counters = counters;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var launcher = new RequestLauncher(executor, sink, prepared.Pool, cts, plan.Concurrency);
        using var progressStop = new CancellationTokenSource();

        // the clients (or the scheduler thread) are started before the agreed instant and wait for it themselves, so
        // that nothing but the wake-up lies between the instant and the first send
        var begin = start ?? Task.FromResult(Stopwatch.GetTimestamp());
        var running = plan.Mode switch
        {
            "pressure" => RunPressureAsync(launcher, plan, begin, (long)(request.Run.PressureTime.TotalSeconds * Stopwatch.Frequency)),
            "unpaced" => RunUnpacedAsync(launcher, plan, begin),
            _ => RunPacedAsync(launcher, plan, start),
        };
        progress?.OnStarted(new ProgressStart(request.Task.Name, request.Task.Pod, plan.Mode == "pressure" ? null : plan.Requests, plan.Mode == "pressure" ? request.Run.PressureTime : null, plan.Concurrency));
        long origin;
        try
        {
            origin = await begin.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(false);
            throw;
        }

        var reporter = progress is null ? Task.CompletedTask : ReportAsync(progress.OnProgress, counters, prepared.Stalls, origin, progressStop.Token);
        try
        {
            await running.ConfigureAwait(false);
        }
        finally
        {
            await progressStop.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
            progress?.OnFinished(Snapshot(counters, prepared.Stalls, origin));
        }

        if (launcher.Error is { } error)
        {
            throw new InvalidOperationException($"Task {request.Task.Name}: writing a result failed: {error.Message}", error);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return BuildOutcome(request, plan, executor, counters, prepared.WarmUp, Stopwatch.GetElapsedTime(origin));
    }

    private static async Task WarmUpAsync(PreparedRun prepared, IProgressSink? progress, CancellationToken cancellationToken)
    {
        var (request, plan, executor, warm) = (prepared.Request, prepared.Plan, prepared.Executor, prepared.WarmUp);
        executor.Counters = warm;
        var count = plan.Rows.Length == 0 ? 0 : Math.Max(0, request.Run.WarmUp);
        if (count == 0)
        {
            return;
        }

        var ctx = prepared.Pool.Rent();
        string? firstError = null;
        using var reporterStop = new CancellationTokenSource();
        var reporter = progress is null ? Task.CompletedTask : ReportAsync(progress.OnWarmUp, warm, prepared.Stalls, Stopwatch.GetTimestamp(), reporterStop.Token);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var record = await executor.ExecuteAsync(ctx, plan.Rows[i % plan.Rows.Length], 0, warmUp: true, cancellationToken).ConfigureAwait(false);
                firstError ??= record.Success ? null : record.ErrorInfo;
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            prepared.Pool.Return(ctx);
            await reporterStop.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
        }

        if (warm.Succeeded == 0)
        {
            throw new WarmUpFailedException(
                $"Task {request.Task.Name}: all {count} warm-up request(s) to model endpoint '{request.Task.Model.Abbr}' at {UrlSecrets.Display(EndpointPaths.Api(request.BaseUrl, request.Task.Model))} failed, so the task was stopped: {firstError}");
        }
    }

    /// <summary>Closed-loop clients over the rows, round robin, until <paramref name="pressureTicks"/> after the origin.</summary>
    private static Task RunPressureAsync(RequestLauncher launcher, TaskPlan plan, Task<long> begin, long pressureTicks)
    {
        if (plan.Rows.Length == 0)
        {
            return Task.CompletedTask;
        }

        var cursor = -1L;
        launcher.TurnsEnd = () => Stopwatch.GetTimestamp() >= begin.Result + pressureTicks;
        PromptRow? Next()
        {
            // every client waits for the origin before its first row, so the result is there
            if (Stopwatch.GetTimestamp() >= begin.Result + pressureTicks)
            {
                return null;
            }

            return plan.Rows[(int)((ulong)Interlocked.Increment(ref cursor) % (ulong)plan.Rows.Length)];
        }

        return RunClientsAsync(launcher, plan.Concurrency, begin, Next);
    }

    private static Task RunUnpacedAsync(RequestLauncher launcher, TaskPlan plan, Task<long> begin)
    {
        var cursor = -1L;
        PromptRow? Next()
        {
            var i = Interlocked.Increment(ref cursor);
            return i < plan.Rows.Length ? plan.Rows[i] : null;
        }

        return RunClientsAsync(launcher, Math.Min(plan.Concurrency, Math.Max(1, plan.Rows.Length)), begin, Next);
    }

    private static async Task RunClientsAsync(RequestLauncher launcher, int clients, Task<long> begin, Func<PromptRow?> next)
    {
        var tasks = new Task[clients];
        for (var i = 0; i < clients; i++)
        {
            tasks[i] = Task.Run(async () =>
            {
                try
                {
                    await begin.WaitAsync(launcher.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await launcher.RunClientAsync(next).ConfigureAwait(false);
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static async Task RunPacedAsync(RequestLauncher launcher, TaskPlan plan, Task<long>? start)
    {
        var offsets = plan.OffsetTicks!;
        var thread = new Thread(() => Dispatch(launcher, plan, offsets, start))
        {
            IsBackground = true,
            Name = "PodBench scheduler",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        await launcher.Completion.ConfigureAwait(false);
        thread.Join();
    }

    // one long loop on its own thread: compiled optimized at once rather than entered at tier 0 (perf showed it there)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dispatch(RequestLauncher launcher, TaskPlan plan, long[] offsets, Task<long>? begin)
    {
        try
        {
            // the schedule's origin: the agreed instant; else taken on the scheduler thread itself, so thread start-up
            // is not counted as lag
            var start = begin is null ? Stopwatch.GetTimestamp() : begin.WaitAsync(launcher.Token).GetAwaiter().GetResult();
            for (var k = 0; k < plan.Rows.Length; k++)
            {
                var deadline = start + offsets[k];
                PreciseWait.Until(deadline, launcher.Token);
                launcher.Slots.Wait(launcher.Token);
                launcher.Launch(plan.Rows[k], deadline);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            launcher.DispatchFinished();
        }
    }

    private static async Task ReportAsync(Action<ProgressSnapshot> report, EngineCounters counters, StallWatch stalls, long start, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                report(Snapshot(counters, stalls, start));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static ProgressSnapshot Snapshot(EngineCounters c, StallWatch stalls, long start) => new(
        Stopwatch.GetElapsedTime(start),
        Interlocked.Read(ref c.Sent),
        Interlocked.Read(ref c.Receiving),
        Interlocked.Read(ref c.InFlight),
        Interlocked.Read(ref c.Succeeded),
        Interlocked.Read(ref c.Failed),
        Interlocked.Read(ref c.OutputTokens),
        Interlocked.Read(ref c.Events))
    {
        Stalled = stalls.Stalled,
        LongestWait = stalls.LongestWait,
    };

    private static TaskOutcome BuildOutcome(TaskRunRequest request, TaskPlan plan, RequestExecutor executor, EngineCounters counters, EngineCounters warm, TimeSpan elapsed)
    {
        var target = plan.TargetRate;
        double? achieved = null;
        var paced = Interlocked.Read(ref executor.PacedSends);
        if (target is not null && paced > 1 && executor.LastPacedSend > executor.FirstPacedSend)
        {
            achieved = (paced - 1) / ((executor.LastPacedSend - executor.FirstPacedSend) / (double)Stopwatch.Frequency);
        }

        var sendLag = LagSummary.From(executor.SendLag);
        string? message = null;
        if (sendLag.Count > 0 && sendLag.P99Us > 1000)
        {
            message = $"send lag p99 was {sendLag.P99Us / 1000:0.###} ms (more than 1 ms after the schedule)";
        }

        if (target is not null && achieved is not null && achieved < 0.95 * target)
        {
            var rates = $"achieved {achieved:0.###} req/s, below 95% of the target {target:0.###} req/s";
            message = message is null ? rates : message + "; " + rates;
        }

        if (message is not null)
        {
            message = $"The client did not keep up with the schedule: {message}. Sends waited for the client or for a free slot (concurrency limit {plan.Concurrency}); latencies from the schedule include that wait.";
        }

        var succeeded = Interlocked.Read(ref counters.Succeeded);
        var meanE2el = succeeded == 0 ? 0 : Interlocked.Read(ref counters.E2elTicks) / (double)Stopwatch.Frequency / succeeded;
        var warnings = new List<string>();
        if (plan.Mode == "pressure" && succeeded > 0 && request.Run.PressureTime.TotalSeconds < 3 * meanE2el)
        {
            warnings.Add($"The pressure time ({request.Run.PressureTime.TotalSeconds:0.###} s) is shorter than three times the mean E2EL ({meanE2el:0.###} s); results may be inaccurate. Use at least {Math.Ceiling(3 * meanE2el)} s.");
        }

        if (message is not null)
        {
            warnings.Add(message);
        }

        return new TaskOutcome
        {
            TaskName = request.Task.Name,
            Pod = request.Task.Pod,
            Mode = plan.Mode,
            Sent = Interlocked.Read(ref counters.Sent),
            Succeeded = Interlocked.Read(ref counters.Succeeded),
            Failed = Interlocked.Read(ref counters.Failed),
            FailureReasons = counters.Reasons,
            WarmUpSent = Interlocked.Read(ref warm.Sent),
            WarmUpSucceeded = Interlocked.Read(ref warm.Succeeded),
            ConcurrencyLimit = plan.Concurrency,
            MaxInFlight = Interlocked.Read(ref counters.MaxInFlight),
            TargetRate = target,
            AchievedRate = achieved,
            SendLag = sendLag,
            ClientLag = LagSummary.From(executor.ClientLag),
            ReadDelay = LagSummary.From(executor.ReadDelay),
            ClientKeptUp = message is null,
            ClientMessage = message,
            Elapsed = elapsed,
            OutputTokens = Interlocked.Read(ref counters.OutputTokens),
            Events = Interlocked.Read(ref counters.Events),
            MeanE2elSeconds = meanE2el,
            Warnings = warnings,
        };
    }
}
