using System;
using System.Collections.Generic;
using System.Threading;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// Thread-safe counters of a <see cref="SimulatorServer"/>, so that tests can check a client from the server side:
/// how many requests arrived and when, and how many were in flight at most.
/// </summary>
public sealed class SimulatorStats
{
    /// <summary>How many requests are kept in <see cref="GetRequests"/>; later ones are only counted.</summary>
    /// <remarks>
    /// About 110 bytes each: 100,000 keep at most ~11 MiB, so an hour-long simulated run (the simulator may share the
    /// runner's process) stays flat once the limit is reached (at 1,000,000 the soak saw ~110 MiB of growth).
    /// </remarks>
    public const int RecordLimit = 100_000;

    private readonly object _gate = new();
    private readonly List<SimulatedRequest> _requests = new();
    private long _received;
    private long _completed;
    private long _faults;
    private long _aborted;
    private long _rejected;
    private int _requestsInFlight;
    private int _maxRequestsInFlight;
    private int _streamsInFlight;
    private int _maxStreamsInFlight;

    /// <summary>Generation requests (<c>/v1/chat/completions</c>, <c>/v1/completions</c>) received.</summary>
    public long RequestsReceived => Interlocked.Read(ref _received);

    /// <summary>Generation requests answered in full, without a fault.</summary>
    public long RequestsCompleted => Interlocked.Read(ref _completed);

    /// <summary>Requests that were given a fault.</summary>
    public long FaultsInjected => Interlocked.Read(ref _faults);

    /// <summary>Requests whose client went away (or the server stopped) before the response was complete.</summary>
    public long RequestsAborted => Interlocked.Read(ref _aborted);

    /// <summary>Requests answered 400, 401 or 404.</summary>
    public long RequestsRejected => Interlocked.Read(ref _rejected);

    /// <summary>Generation requests open now, queued or decoding.</summary>
    public int RequestsInFlight => Volatile.Read(ref _requestsInFlight);

    /// <summary>The most generation requests open at once: the client's concurrency as the server saw it.</summary>
    public int MaxRequestsInFlight => Volatile.Read(ref _maxRequestsInFlight);

    /// <summary>Streams holding a batch slot now (prefilling or decoding).</summary>
    public int StreamsInFlight => Volatile.Read(ref _streamsInFlight);

    /// <summary>The most streams that held a batch slot at once (never above <c>MaxBatch</c>).</summary>
    public int MaxStreamsInFlight => Volatile.Read(ref _maxStreamsInFlight);

    /// <summary>The recorded generation requests, in arrival order.</summary>
    public IReadOnlyList<SimulatedRequest> GetRequests()
    {
        SimulatedRequest[] copy;
        lock (_gate)
        {
            copy = _requests.ToArray();
        }

        Array.Sort(copy, static (a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return copy;
    }

    /// <summary>The arrival <see cref="System.Diagnostics.Stopwatch"/> readings of the recorded requests, in arrival order.</summary>
    public long[] GetArrivalTimestamps()
    {
        var requests = GetRequests();
        var stamps = new long[requests.Count];
        for (var i = 0; i < stamps.Length; i++)
        {
            stamps[i] = requests[i].ArrivalTimestamp;
        }

        return stamps;
    }

    /// <summary>Forgets the counts and records (maxima restart from what is in flight now).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
        }

        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _completed, 0);
        Interlocked.Exchange(ref _faults, 0);
        Interlocked.Exchange(ref _aborted, 0);
        Interlocked.Exchange(ref _rejected, 0);
        Volatile.Write(ref _maxRequestsInFlight, RequestsInFlight);
        Volatile.Write(ref _maxStreamsInFlight, StreamsInFlight);
    }

    internal long OnArrival()
    {
        var ordinal = Interlocked.Increment(ref _received);
        RaiseMax(ref _maxRequestsInFlight, Interlocked.Increment(ref _requestsInFlight));
        return ordinal;
    }

    internal void OnLeave() => Interlocked.Decrement(ref _requestsInFlight);

    internal int OnStreamStart()
    {
        var now = Interlocked.Increment(ref _streamsInFlight);
        RaiseMax(ref _maxStreamsInFlight, now);
        return now;
    }

    internal void OnStreamEnd() => Interlocked.Decrement(ref _streamsInFlight);

    internal void OnCompleted() => Interlocked.Increment(ref _completed);

    internal void OnFault() => Interlocked.Increment(ref _faults);

    internal void OnAborted() => Interlocked.Increment(ref _aborted);

    internal void OnRejected() => Interlocked.Increment(ref _rejected);

    internal void Record(SimulatedRequest request)
    {
        lock (_gate)
        {
            if (_requests.Count < RecordLimit)
            {
                _requests.Add(request);
            }
        }
    }

    private static void RaiseMax(ref int max, int value)
    {
        var seen = Volatile.Read(ref max);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref max, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
