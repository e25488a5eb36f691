using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// One stream's reusable wait for a deadline of the <see cref="DeadlineScheduler"/>: no allocation per token. A wait
/// belongs to whoever wins the exchange of <c>_pending</c> (its version as 0..65535; -1 when idle): the scheduler or the
/// cancellation. So a stale queue entry of an older wait can never complete a newer one.
/// </summary>
internal sealed class DeadlineWaiter : IValueTaskSource, IDisposable
{
    private const int Idle = -1;

    private readonly DeadlineScheduler _scheduler;
    private readonly CancellationToken _cancellation;
    private readonly CancellationTokenRegistration _registration;
    private ManualResetValueTaskSourceCore<bool> _core;
    private int _pending = Idle;

    public DeadlineWaiter(DeadlineScheduler scheduler, CancellationToken cancellation)
    {
        _scheduler = scheduler;
        _cancellation = cancellation;
        _core.RunContinuationsAsynchronously = true;
        if (cancellation.CanBeCanceled)
        {
            _registration = cancellation.UnsafeRegister(static state => ((DeadlineWaiter)state!).Cancel(), this);
        }
    }

    /// <summary>Completes at <paramref name="deadline"/> (a <see cref="System.Diagnostics.Stopwatch"/> reading) or throws when cancelled.</summary>
    public ValueTask WaitUntilAsync(long deadline)
    {
        _cancellation.ThrowIfCancellationRequested();
        _core.Reset();
        var version = _core.Version;
        Volatile.Write(ref _pending, (ushort)version);
        _scheduler.Enqueue(this, version, deadline);
        if (_cancellation.IsCancellationRequested)
        {
            Cancel();
        }

        return new ValueTask(this, version);
    }

    /// <summary>Called by the scheduler when the deadline of wait <paramref name="version"/> has come.</summary>
    public void Fire(short version)
    {
        if (Interlocked.CompareExchange(ref _pending, Idle, (ushort)version) == (ushort)version)
        {
            _core.SetResult(true);
        }
    }

    /// <summary>Ends the current wait with an exception (server stopping).</summary>
    public void Fail(short version, Exception error)
    {
        if (Interlocked.CompareExchange(ref _pending, Idle, (ushort)version) == (ushort)version)
        {
            _core.SetException(error);
        }
    }

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    public void Dispose() => _registration.Dispose();

    private void Cancel()
    {
        var version = Volatile.Read(ref _pending);
        if (version != Idle && Interlocked.CompareExchange(ref _pending, Idle, version) == version)
        {
            _core.SetException(new OperationCanceledException(_cancellation));
        }
    }
}
