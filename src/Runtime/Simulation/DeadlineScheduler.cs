using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// One thread that wakes every stream's <see cref="DeadlineWaiter"/> at its absolute deadline (a
/// <see cref="Stopwatch"/> reading): thousands of streams cost one thread and a priority queue, not a timer each.
/// Long waits are signalable timed waits (new earlier deadlines wake the thread); the last two milliseconds are a
/// precise sleep, because timed waits only know whole milliseconds.
/// </summary>
internal sealed class DeadlineScheduler : IDisposable
{
    private static readonly long Tolerance = Stopwatch.Frequency / 50_000; // 20 us: not worth another sleep
    private static readonly long TwoMs = Stopwatch.Frequency / 500;

    private readonly object _gate = new();
    private readonly PriorityQueue<Entry, long> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false, 1);
    private readonly Thread _thread;
    private long _sleepingUntil = long.MaxValue;
    private bool _stopping;

    public DeadlineScheduler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "PodBench simulator clock" };
        _thread.Start();
    }

    /// <summary>Deadlines waiting now.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues wait <paramref name="version"/> of <paramref name="waiter"/> to be fired at <paramref name="deadline"/>.</summary>
    public void Enqueue(DeadlineWaiter waiter, short version, long deadline)
    {
        bool signal;
        bool stopped;
        lock (_gate)
        {
            stopped = _stopping;
            if (stopped)
            {
                signal = false;
            }
            else
            {
                _queue.Enqueue(new Entry(waiter, version), deadline);
                signal = deadline < _sleepingUntil;
                if (signal)
                {
                    _sleepingUntil = deadline;
                }
            }
        }

        if (stopped)
        {
            waiter.Fail(version, new ObjectDisposedException(nameof(DeadlineScheduler)));
        }
        else if (signal)
        {
            _wake.Set();
        }
    }

    /// <summary>Stops the thread and fails every wait still queued.</summary>
    public void Dispose()
    {
        Entry[] left;
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            left = new Entry[_queue.Count];
            var i = 0;
            while (_queue.TryDequeue(out var entry, out _))
            {
                left[i++] = entry;
            }
        }

        _wake.Set();
        _thread.Join();
        _wake.Dispose();
        var error = new OperationCanceledException("The simulated server is stopping.");
        foreach (var entry in left)
        {
            entry.Waiter.Fail(entry.Version, error);
        }
    }

    private void Run()
    {
        var due = new List<Entry>();
        while (true)
        {
            _wake.Reset();
            long next;
            var now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                if (_stopping)
                {
                    return;
                }

                while (_queue.TryPeek(out var entry, out var deadline) && deadline <= now + Tolerance)
                {
                    _queue.Dequeue();
                    due.Add(entry);
                }

                next = _queue.TryPeek(out _, out var first) ? first : long.MaxValue;
                _sleepingUntil = due.Count > 0 ? long.MinValue : next;
            }

            if (due.Count > 0)
            {
                foreach (var entry in due)
                {
                    entry.Waiter.Fire(entry.Version);
                }

                due.Clear();
                continue;
            }

            if (next == long.MaxValue)
            {
                _wake.Wait();
                continue;
            }

            var remaining = next - Stopwatch.GetTimestamp();
            if (remaining >= TwoMs)
            {
                var ms = (int)Math.Min(int.MaxValue, remaining * 1000 / Stopwatch.Frequency) - 1;
                _wake.Wait(ms);
            }
            else
            {
                PreciseSleep.For(remaining);
            }
        }
    }

    private readonly record struct Entry(DeadlineWaiter Waiter, short Version);
}
