using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>
/// One thread per process that waits on an edge-triggered epoll set of every raw connection and reads each ready
/// socket once per wake-up. The code awaiting a read continues on this thread (as .NET's inline socket completions
/// do), so an event costs one <c>recv</c> and a share of one <c>epoll_wait</c>: .NET's own socket engine also retries
/// the read until <c>EAGAIN</c> and hops through HttpClient's connection layers.
/// </summary>
internal sealed unsafe class EpollLoop
{
    /// <summary>
    /// The environment variable that makes the loop poll: for that many microseconds after its last event it calls
    /// <c>epoll_wait</c> without sleeping (unset or 0: it always sleeps).
    /// </summary>
    public const string BusyPollVariable = Cli.Settings.SettingVariables.BusyPoll;

    private const int MaxEvents = 256;

    /// <summary>The event data of the loop's wake-up eventfd; a connection's id is never 0 (its generation starts at 1).</summary>
    private const long WakeId = 0;
    private static readonly Lazy<EpollLoop> Instance = new(() => new EpollLoop());
    private static long _busyPollTicks = ToTicks(ReadBusyPoll());

    [ThreadStatic]
    private static bool t_isLoopThread;

    private readonly int _epfd;
    private readonly int _wakeFd;
    private readonly Queue<Action> _deferred = new();
    private readonly ConcurrentQueue<Action> _posted = new();
    private int _wakePending;
    private readonly Lock _slotsLock = new();
    private readonly Stack<int> _freeSlots = new();
    private RawConnection?[] _slots = new RawConnection?[1024];
    private long[] _generations = new long[1024];
    private int _used;
    private long _nextGeneration;

    private EpollLoop()
    {
        _epfd = EpollNative.EpollCreate(EpollNative.EpollCloexec);
        if (_epfd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1 failed");
        }

        _wakeFd = EpollNative.EventFd(0, EpollNative.EfdNonblock | EpollNative.EfdCloexec);
        var ev = stackalloc byte[16];
        EpollNative.WriteEvent(ev, EpollNative.EpollIn | EpollNative.EpollEt, WakeId);
        if (_wakeFd < 0 || EpollNative.EpollCtl(_epfd, EpollNative.CtlAdd, _wakeFd, ev) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "eventfd for the socket loop failed");
        }

        var thread = new Thread(Run) { IsBackground = true, Name = "podbench-epoll" };
        thread.Start();
    }

    /// <summary>The process's loop, started on first use.</summary>
    public static EpollLoop Shared => Instance.Value;

    /// <summary>
    /// How long the loop polls after its last event (0: it always sleeps). Starts as <see cref="BusyPollVariable"/>
    /// says; the runner's <c>--busy-poll-us</c> sets it. A change applies from the loop's next wake-up.
    /// </summary>
    public static long BusyPollMicroseconds
    {
        get => Volatile.Read(ref _busyPollTicks) * 1_000_000 / Stopwatch.Frequency;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _busyPollTicks, ToTicks(value));
        }
    }

    /// <summary>
    /// Adds the connection's socket to the set; its reads start arriving on the loop thread. With
    /// <paramref name="connecting"/> writability is watched too, to learn when a connect finishes, until
    /// <see cref="Connected"/>: watched later, every acknowledgement that frees send space would wake the loop.
    /// </summary>
    public long Register(RawConnection connection, int fd, bool connecting)
    {
        long id;
        lock (_slotsLock)
        {
            if (!_freeSlots.TryPop(out var slot))
            {
                slot = _used++;
                if (slot == _slots.Length)
                {
                    // the loop reads the arrays without the lock: it sees the old ones or the new ones, both valid
                    var slots = new RawConnection?[slot * 2];
                    var generations = new long[slot * 2];
                    _slots.CopyTo(slots, 0);
                    _generations.CopyTo(generations, 0);
                    Volatile.Write(ref _generations, generations);
                    Volatile.Write(ref _slots, slots);
                }
            }

            // the generation tells a stale event (for a closed connection whose slot was reused) from a live one
            id = (++_nextGeneration << 32) | (uint)slot;
            _generations[slot] = id;
            _slots[slot] = connection;
        }

        if (Control(EpollNative.CtlAdd, fd, id, connecting) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Release(id);
            throw new Win32Exception(errno, "epoll_ctl(ADD) failed");
        }

        return id;
    }

    /// <summary>Stops watching writability once the connect finished.</summary>
    public void Connected(long id, int fd)
    {
        if (Control(EpollNative.CtlMod, fd, id, connecting: false) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_ctl(MOD) failed");
        }
    }

    /// <summary>Removes the socket from the set before it is closed; an event already taken for it is ignored.</summary>
    public void Unregister(long id, int fd)
    {
        EpollNative.EpollCtl(_epfd, EpollNative.CtlDel, fd, null);
        Release(id);
    }

    private void Release(long id)
    {
        var slot = (int)(uint)id;
        lock (_slotsLock)
        {
            if (_generations[slot] == id)
            {
                _generations[slot] = 0;
                _slots[slot] = null;
                _freeSlots.Push(slot);
            }
        }
    }

    /// <summary>The connection an event belongs to; null when it was closed since (its slot may be reused).</summary>
    private RawConnection? Find(long id)
    {
        var slot = (int)(uint)id;
        var slots = Volatile.Read(ref _slots);
        var generations = Volatile.Read(ref _generations);
        if (slot >= slots.Length || slot >= generations.Length)
        {
            return null;
        }

        var connection = slots[slot];
        return Volatile.Read(ref generations[slot]) == id ? connection : null;
    }

    private int Control(int op, int fd, long id, bool connecting)
    {
        var ev = stackalloc byte[16];
        var mask = EpollNative.EpollIn | EpollNative.EpollRdHup | EpollNative.EpollEt | (connecting ? EpollNative.EpollOut : 0);
        EpollNative.WriteEvent(ev, mask, id);
        return EpollNative.EpollCtl(_epfd, op, fd, ev);
    }

    /// <summary>
    /// Lets the socket reads that are ready go first: the code after <c>await</c> continues on the loop thread once
    /// the loop has read every ready socket, one such continuation per round. Requests await this before they start,
    /// so that starting a thousand of them (each a send and, on loopback, the server's receive too) delays no event
    /// already waiting by more than one start: their reads and timestamps come first.
    /// </summary>
    public static ReadsFirstAwaitable ReadsFirst() => default;

    /// <summary>
    /// Runs <paramref name="continuation"/> on the loop thread behind the ready reads: queued directly from the loop
    /// thread, else posted and the loop woken.
    /// </summary>
    internal static void Defer(Action continuation)
    {
        var loop = Shared;
        if (t_isLoopThread)
        {
            loop._deferred.Enqueue(continuation);
            return;
        }

        loop._posted.Enqueue(continuation);
        if (Interlocked.Exchange(ref loop._wakePending, 1) == 0)
        {
            long one = 1;
            EpollNative.Write(loop._wakeFd, (byte*)&one, sizeof(long));
        }
    }

    private static long ReadBusyPoll() =>
        long.TryParse(Environment.GetEnvironmentVariable(BusyPollVariable), out var us) && us > 0 ? us : 0;

    private static long ToTicks(long microseconds) => microseconds * Stopwatch.Frequency / 1_000_000;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        t_isLoopThread = true;
        var events = (byte*)NativeMemory.AlignedAlloc((nuint)(MaxEvents * EpollNative.EventSize), 64);
        var lastEvent = 0L;
        while (true)
        {
            var busyPoll = Volatile.Read(ref _busyPollTicks);
            var polling = _deferred.Count > 0 || (busyPoll > 0 && Stopwatch.GetTimestamp() - lastEvent < busyPoll);
            var n = EpollNative.EpollWait(_epfd, events, MaxEvents, polling ? 0 : -1);
            if (n < 0 && Marshal.GetLastPInvokeError() != EpollNative.EIntr)
            {
                Thread.Sleep(1);
            }

            for (var i = 0; i < n; i++)
            {
                var id = EpollNative.ReadData(events, i);
                if (id == WakeId)
                {
                    TakePosted();
                }
                else if (Find(id) is { } connection)
                {
                    Guard(static ready => ready.Connection.OnReadable(ready.Mask), (Connection: connection, Mask: EpollNative.ReadMask(events, i)));
                }
            }

            // one piece of deferred work per round, after every read that was ready: each is followed by a look at
            // the sockets, so no read waits behind more than one of them
            if (_deferred.TryDequeue(out var work))
            {
                Guard(static work => work(), work);
            }

            if (busyPoll > 0 && n > 0)
            {
                lastEvent = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>Moves work posted from other threads behind the loop's own deferred work.</summary>
    private void TakePosted()
    {
        long count;
        EpollNative.Read(_wakeFd, (byte*)&count, sizeof(long));

        // reset before draining: a post that finds the flag set was enqueued before this drain
        Volatile.Write(ref _wakePending, 0);
        while (_posted.TryDequeue(out var work))
        {
            _deferred.Enqueue(work);
        }
    }

    private static void Guard<T>(Action<T> action, T state)
    {
        try
        {
            action(state);
        }
        catch (Exception e)
        {
            // a bug, not a network failure (those fail the read): the loop must outlive it, or every stream of the
            // process would stall
            Console.Error.WriteLine($"podbench: the socket loop caught {e.GetType().Name}: {e.Message}");
        }
    }
}
