using System;
using PodBench.Runtime.Engine.Transport;

namespace PodBench.Runtime.Engine;

/// <summary>
/// A task made ready by <see cref="TaskRunner.PrepareAsync(TaskRunRequest, IProgressSink?, System.Threading.CancellationToken)"/>: its schedule, its served model, its transport with the
/// warm-up's connection still open, and the warm-up's counters. <see cref="TaskRunner.RunAsync(PreparedRun, Results.IRecordSink, IProgressSink?, System.Threading.Tasks.Task{long}?, System.Threading.CancellationToken)"/>
/// then sends only measured requests. Run it once; dispose it after (it closes the connections).
/// </summary>
public sealed class PreparedRun : IDisposable
{
    internal PreparedRun(TaskRunRequest request, TaskPlan plan, IRequestTransport transport, ContextPool pool, StallWatch stalls, RequestExecutor executor, EngineCounters warm)
    {
        Request = request;
        Plan = plan;
        Transport = transport;
        Pool = pool;
        Stalls = stalls;
        Executor = executor;
        WarmUp = warm;
    }

    /// <summary>The task as it was prepared.</summary>
    public TaskRunRequest Request { get; }

    internal TaskPlan Plan { get; }

    internal IRequestTransport Transport { get; }

    internal ContextPool Pool { get; }

    /// <summary>Watches the streams of the pool's contexts for header and idle stalls.</summary>
    internal StallWatch Stalls { get; }

    internal RequestExecutor Executor { get; }

    internal EngineCounters WarmUp { get; }

    private bool Disposed { get; set; }

    /// <summary>Whether the measured phase was started (a prepared run runs once).</summary>
    internal bool Started { get; set; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Disposed)
        {
            return;
        }

        Disposed = true;
        Stalls.Dispose();
        Pool.Dispose();
        Transport.Dispose();
    }
}
