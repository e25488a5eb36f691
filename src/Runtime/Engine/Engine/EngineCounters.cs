using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace PodBench.Runtime.Engine;

/// <summary>Live counters of one phase of a task (warm-up or measured), updated from many requests at once.</summary>
internal sealed class EngineCounters
{
    private const int MaxReasons = 200;
    private readonly ConcurrentDictionary<string, long> _reasons = new();

    public long Sent;
    public long InFlight;
    public long MaxInFlight;
    public long Receiving;
    public long Succeeded;
    public long Failed;
    public long OutputTokens;
    public long Events;

    /// <summary>Sum of E2EL (last reading minus send) of successful requests, in Stopwatch ticks.</summary>
    public long E2elTicks;

    public IReadOnlyDictionary<string, long> Reasons => new SortedDictionary<string, long>(_reasons);

    public void AddFailure(string reason)
    {
        Interlocked.Increment(ref Failed);
        if (_reasons.Count >= MaxReasons && !_reasons.ContainsKey(reason))
        {
            reason = "other";
        }

        _reasons.AddOrUpdate(reason, 1, static (_, n) => n + 1);
    }

    public void Started()
    {
        Interlocked.Increment(ref Sent);
        var now = Interlocked.Increment(ref InFlight);
        var max = Interlocked.Read(ref MaxInFlight);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref MaxInFlight, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }
}
