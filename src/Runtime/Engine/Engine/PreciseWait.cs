using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Blocks the calling (dedicated) thread until an absolute <see cref="Stopwatch"/> deadline without holding a core:
/// it sleeps until a margin before the deadline, then spins the rest. On Linux the sleep is an absolute
/// <c>clock_nanosleep</c> on <c>CLOCK_MONOTONIC</c> (the clock <see cref="Stopwatch"/> reads) with 1 µs timer slack;
/// the margin follows how late the sleeps wake (kept between 20 µs and 1 ms), but at most
/// <see cref="SpinCapNanoseconds"/> of it is spun: on a quiet machine (wake-ups 20-50 µs late) the spin covers the
/// lateness and the send is on time; on a loaded one, where wake-ups come later than the cap, the thread sleeps to
/// the cap and sends when it wakes (late by the wake-up's lateness less the cap) instead of spinning up to a
/// millisecond per send on a core the loop and the writers need. Elsewhere a timed wait to 1.5 ms before the
/// deadline, then the spin. Errors never accumulate across sends: every deadline is absolute.
/// </summary>
internal static partial class PreciseWait
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsTime = 1;
    private const int PrSetTimerSlack = 29;
    private const long MaxSlice = 50_000_000;
    private const long MinMargin = 20_000;
    private const long MaxMargin = 1_000_000;

    /// <summary>The longest spin before a deadline, in ns: a wake-up later than this is not waited out spinning.</summary>
    public const long SpinCapNanoseconds = 50_000;

    private static readonly bool AbsoluteSleep = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000;
    private static readonly long SpinWindow = Stopwatch.Frequency * 3 / 2000;
    private static readonly long YieldWindow = Stopwatch.Frequency / 10_000;

    [ThreadStatic]
    private static long _margin;

    [ThreadStatic]
    private static bool _slackSet;

    /// <summary>How late the calling thread's wake-ups come now, in ns (Linux; 0 before its first wait).</summary>
    public static long MarginNanoseconds => _margin;

    /// <summary>What the calling thread spins before a deadline now, in ns: the margin, at most <see cref="SpinCapNanoseconds"/>.</summary>
    public static long SpinNanoseconds => Math.Min(_margin, SpinCapNanoseconds);

    public static void Until(long deadline, CancellationToken cancellationToken)
    {
        if (AbsoluteSleep)
        {
            SleepThenSpin(deadline, cancellationToken);
        }
        else
        {
            WaitThenSpin(deadline, cancellationToken);
        }
    }

    private static void SleepThenSpin(long deadline, CancellationToken cancellationToken)
    {
        if (!_slackSet)
        {
            // the default 50 µs slack would make every wake-up late by up to that much
            _ = SetTimerSlack(PrSetTimerSlack, 1, 0, 0, 0);
            _slackSet = true;
            _margin = 100_000;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Stopwatch.GetTimestamp();
            var wakeAt = deadline - SpinNanoseconds;
            if (wakeAt - now <= 0)
            {
                break;
            }

            // slices, so a cancellation is seen within 50 ms
            var target = Math.Min(wakeAt, now + MaxSlice);
            var spec = new TimeSpec { Seconds = (nint)(target / 1_000_000_000), Nanoseconds = (nint)(target % 1_000_000_000) };
            _ = ClockNanoSleep(ClockMonotonic, TimerAbsTime, in spec, IntPtr.Zero);
            if (target == wakeAt)
            {
                var late = Stopwatch.GetTimestamp() - target;
                // up at once when a wake-up was late, down slowly (1/64 per sleep) when they are on time
                var next = late * 2 > _margin ? late * 2 : _margin - (_margin >> 6) + (late >> 6);
                _margin = Math.Clamp(next, MinMargin, MaxMargin);
            }
        }

        Spin(deadline);
    }

    private static void WaitThenSpin(long deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= SpinWindow)
            {
                break;
            }

            var ms = (int)Math.Min((remaining - SpinWindow) * 1000 / Stopwatch.Frequency, 200);
            if (ms < 1)
            {
                break;
            }

            if (cancellationToken.WaitHandle.WaitOne(ms))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        Spin(deadline);
    }

    private static void Spin(long deadline)
    {
        while (true)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > YieldWindow)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(8);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanoSleep(int clock, int flags, in TimeSpec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int SetTimerSlack(int option, nuint value, nuint arg3, nuint arg4, nuint arg5);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
