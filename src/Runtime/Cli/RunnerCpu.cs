using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Where a pod process's CPU and wall time went: before its measured phase opened, under load, and after its last
/// request (files, Parquet, the task summary, the manifest). Printed as one line when the pod ends
/// (docs/performance.md); a few readings of the process's CPU clock, nothing per request.
/// </summary>
internal static class RunnerCpu
{
    private static long _openTicks;
    private static long _openCpuTicks;
    private static long _loadEndTicks;
    private static long _loadEndCpuTicks;

    /// <summary>The measured phase opens now (the gate, the agreed instant).</summary>
    public static void MeasuredPhaseOpened()
    {
        Interlocked.Exchange(ref _openCpuTicks, Environment.CpuUsage.TotalTime.Ticks);
        Interlocked.Exchange(ref _openTicks, Stopwatch.GetTimestamp());
    }

    /// <summary>A task's load has ended (its last request finished); the latest of the pod's tasks counts.</summary>
    public static void LoadEnded()
    {
        var cpu = Environment.CpuUsage.TotalTime.Ticks;
        var now = Stopwatch.GetTimestamp();
        long seen;
        do
        {
            seen = Interlocked.Read(ref _loadEndTicks);
            if (now <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _loadEndTicks, now, seen) != seen);
        Interlocked.Exchange(ref _loadEndCpuTicks, cpu);
    }

    /// <summary>The line, e.g. "CPU 0.31 s before the first request (wall 1.2 s), 4.10 s under load (9.8 s), 0.40 s after the last (1.1 s)".</summary>
    public static string Describe()
    {
        var cpuNow = Environment.CpuUsage.TotalTime.Ticks;
        var now = Stopwatch.GetTimestamp();
        using var self = Process.GetCurrentProcess();
        var startWall = (DateTime.Now - self.StartTime).TotalSeconds;
        var open = Interlocked.Read(ref _openTicks);
        var end = Interlocked.Read(ref _loadEndTicks);
        if (open == 0 || end == 0)
        {
            return $"CPU {S(TimeSpan.FromTicks(cpuNow).TotalSeconds)} s in {S(startWall)} s";
        }

        var beforeWall = startWall - Stopwatch.GetElapsedTime(open, now).TotalSeconds;
        var openCpu = Interlocked.Read(ref _openCpuTicks);
        var endCpu = Interlocked.Read(ref _loadEndCpuTicks);
        return $"CPU {S(TimeSpan.FromTicks(openCpu).TotalSeconds)} s before the first request (wall {S(beforeWall)} s), "
            + $"{S(TimeSpan.FromTicks(endCpu - openCpu).TotalSeconds)} s under load ({S(Stopwatch.GetElapsedTime(open, end).TotalSeconds)} s), "
            + $"{S(TimeSpan.FromTicks(cpuNow - endCpu).TotalSeconds)} s after the last ({S(Stopwatch.GetElapsedTime(end, now).TotalSeconds)} s)";
    }

    private static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);
}
