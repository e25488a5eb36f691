using System;
using System.Threading;

namespace PodBench.Runtime.Engine;

/// <summary>
/// The wait limits of one slot's current attempt (<c>ModelEndpoint.HeaderTimeout</c> and <c>IdleTimeout</c>): when the
/// server was last heard from, and the token that stops the attempt when <see cref="StallWatch"/> finds that it
/// waited too long. Reused by every attempt of its <see cref="RequestContext"/>.
/// </summary>
internal sealed class AttemptGuard
{
    private readonly Lock _lock = new();
    private CancellationTokenSource _cts = new();
    private CancellationTokenRegistration _outer;
    private long _since;
    private bool _awaitingHeaders;
    private bool _handedOut;

    /// <summary>Why the watch stopped the attempt (the failure's reason), or null.</summary>
    public string? Reason { get; private set; }

    /// <summary>
    /// Starts watching an attempt sent at <paramref name="sentTicks"/>; the returned token is cancelled when the
    /// attempt waits too long or <paramref name="outer"/> is cancelled.
    /// </summary>
    public CancellationToken Begin(long sentTicks, CancellationToken outer)
    {
        CancellationTokenSource cts;
        lock (_lock)
        {
            // a source the watch took may still be cancelled by it, and a cancelled one cannot be reset
            if (_handedOut || !_cts.TryReset())
            {
                _cts = new CancellationTokenSource();
                _handedOut = false;
            }

            cts = _cts;
            Reason = null;
            _awaitingHeaders = true;
            _since = sentTicks;
        }

        _outer = outer.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), cts);
        return cts.Token;
    }

    /// <summary>The response head arrived: from now on the wait is for stream events (or body bytes).</summary>
    public void HeadersArrived(long ticks)
    {
        lock (_lock)
        {
            _awaitingHeaders = false;
            _since = ticks;
        }
    }

    /// <summary>An event (or body bytes) arrived at <paramref name="ticks"/>.</summary>
    public void Heard(long ticks) => Volatile.Write(ref _since, ticks);

    /// <summary>The attempt no longer waits for the server (it has its answer; what follows has its own limit).</summary>
    public void Settle() => Volatile.Write(ref _since, 0);

    /// <summary>Ends the attempt: it is no longer watched and no longer follows the outer token.</summary>
    public void End()
    {
        Settle();
        _outer.Dispose();
        _outer = default;
    }

    /// <summary>
    /// How long the attempt has waited for the server at <paramref name="now"/> (0: none waits); when that reaches
    /// its limit, stops it with the matching reason.
    /// </summary>
    public long Check(long now, long headerLimit, long idleLimit, string headerReason, string idleReason)
    {
        CancellationTokenSource stop;
        long waited;
        lock (_lock)
        {
            var since = Volatile.Read(ref _since);
            if (since == 0)
            {
                return 0;
            }

            waited = Math.Max(0, now - since);
            if (waited < (_awaitingHeaders ? headerLimit : idleLimit))
            {
                return waited;
            }

            Reason = _awaitingHeaders ? headerReason : idleReason;
            _since = 0;
            _handedOut = true;
            stop = _cts;
        }

        // the transport's abort and the attempt's continuation run on the pool, not in the watch's sweep
        _ = stop.CancelAsync();
        return waited;
    }
}
