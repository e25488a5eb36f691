using System;
using System.Diagnostics;
using System.Threading;
using PodBench.Dsl;
using PodBench.Shared;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Ends attempts that wait too long for the server, <see cref="ModelEndpoint.HeaderTimeout"/> for the response head
/// and <see cref="ModelEndpoint.IdleTimeout"/> between stream events, and counts the requests waiting long enough to
/// be called stalled, for the progress line. One per task: a timer checks every slot's <see cref="AttemptGuard"/> ten
/// times per limit, at most once a second, so the per-event cost is one timestamp store.
/// </summary>
internal sealed class StallWatch : IDisposable
{
    /// <summary>A request is shown as stalled after this long without hearing from the server (or half the smaller limit).</summary>
    public static readonly TimeSpan Notice = TimeSpan.FromSeconds(10);

    private readonly ContextPool _pool;
    private readonly long _headerLimit;
    private readonly long _idleLimit;
    private readonly long _notice;
    private readonly string _headerReason;
    private readonly string _idleReason;
    private readonly Timer _timer;
    private int _sweeping;
    private long _stalled;
    private long _longestWait;

    public StallWatch(ContextPool pool, ModelEndpoint endpoint)
    {
        _pool = pool;
        _headerLimit = Ticks(endpoint.HeaderTimeout, nameof(ModelEndpoint.HeaderTimeout), endpoint.Abbr);
        _idleLimit = Ticks(endpoint.IdleTimeout, nameof(ModelEndpoint.IdleTimeout), endpoint.Abbr);
        var shorter = Math.Min(_headerLimit, _idleLimit);
        _notice = Math.Min((long)(Notice.TotalSeconds * Stopwatch.Frequency), shorter / 2);
        _headerReason = $"no response headers for {PlanRules.Seconds(endpoint.HeaderTimeout.TotalSeconds)} s (HeaderTimeout)";
        _idleReason = endpoint.IsStreaming
            ? $"no stream event for {PlanRules.Seconds(endpoint.IdleTimeout.TotalSeconds)} s (IdleTimeout)"
            : $"no body data for {PlanRules.Seconds(endpoint.IdleTimeout.TotalSeconds)} s (IdleTimeout)";
        var period = TimeSpan.FromSeconds(Math.Clamp(shorter / 10.0 / Stopwatch.Frequency, 0.01, 1.0));
        _timer = new Timer(static state => ((StallWatch)state!).Sweep(), this, period, period);
    }

    /// <summary>Requests that have waited for the server at least <see cref="Notice"/> (at the last check).</summary>
    public long Stalled => Interlocked.Read(ref _stalled);

    /// <summary>The longest current wait for the server (at the last check).</summary>
    public TimeSpan LongestWait => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _longestWait));

    public void Dispose() => _timer.Dispose();

    private void Sweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = Stopwatch.GetTimestamp();
            var stalled = 0L;
            var longest = 0L;
            foreach (var ctx in _pool.Snapshot())
            {
                var waited = ctx.Guard.Check(now, _headerLimit, _idleLimit, _headerReason, _idleReason);
                stalled += waited >= _notice && waited > 0 ? 1 : 0;
                longest = Math.Max(longest, waited);
            }

            Interlocked.Exchange(ref _stalled, stalled);
            Interlocked.Exchange(ref _longestWait, longest);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private static long Ticks(TimeSpan limit, string member, string abbr) =>
        PlanRules.IsLegalWaitLimit(limit.TotalSeconds)
            ? (long)(limit.TotalSeconds * Stopwatch.Frequency)
            : throw new ArgumentException(PlanRules.Format(PlanMessages.WaitLimitOutOfRange, abbr, member, PlanRules.Seconds(limit.TotalSeconds)), member);
}
