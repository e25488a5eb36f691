using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// Sleeps shorter than a millisecond: .NET timers and timed waits round to whole milliseconds, so on Linux this
/// calls <c>nanosleep</c> (about 60 us late at worst on an idle box); elsewhere it yields until the time has come.
/// </summary>
internal static partial class PreciseSleep
{
    private static readonly bool UseNanoSleep = OperatingSystem.IsLinux();

    /// <summary>Sleeps about <paramref name="ticks"/> <see cref="Stopwatch"/> ticks.</summary>
    public static void For(long ticks)
    {
        if (ticks <= 0)
        {
            return;
        }

        if (UseNanoSleep)
        {
            var ns = (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
            var request = new TimeSpec { Seconds = (nint)(ns / 1_000_000_000), Nanoseconds = (nint)(ns % 1_000_000_000) };
            _ = NanoSleep(in request, IntPtr.Zero);
            return;
        }

        var until = Stopwatch.GetTimestamp() + ticks;
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.Yield();
        }
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
