using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
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
    private static readonly List<(string Name, long CpuTicks, long WallTicks)> Steps = [];

    /// <summary>A pod run begins in this process: readings of an earlier run in the same process (tests) are dropped.</summary>
    public static void PodStarting()
    {
        Interlocked.Exchange(ref _openTicks, 0);
        Interlocked.Exchange(ref _loadEndTicks, 0);
        lock (Steps)
        {
            Steps.Clear();
        }
    }

    /// <summary>
    /// The measured phase opens now (the gate, the agreed instant); a sweep's later levels open again, and the first
    /// opening stays the end of "before the first request".
    /// </summary>
    public static void MeasuredPhaseOpened()
    {
        var cpu = Environment.CpuUsage.TotalTime.Ticks;
        if (Interlocked.CompareExchange(ref _openTicks, Stopwatch.GetTimestamp(), 0) == 0)
        {
            Interlocked.Exchange(ref _openCpuTicks, cpu);
        }
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

    /// <summary>A reading to pass to <see cref="StepEnded"/> when a step after the load ends.</summary>
    public static (long Cpu, long Wall) StepStarted() => (Environment.CpuUsage.TotalTime.Ticks, Stopwatch.GetTimestamp());

    /// <summary>
    /// A step after the load (<paramref name="name"/>) that began at <paramref name="started"/> ended; steps of the same
    /// name (one per task) add up. The process's CPU clock is read, so steps of tasks that end together share it.
    /// </summary>
    public static void StepEnded(string name, (long Cpu, long Wall) started)
    {
        var cpu = Environment.CpuUsage.TotalTime.Ticks - started.Cpu;
        var wall = Stopwatch.GetElapsedTime(started.Wall).Ticks;
        lock (Steps)
        {
            var at = Steps.FindIndex(s => s.Name == name);
            if (at < 0)
            {
                Steps.Add((name, cpu, wall));
            }
            else
            {
                Steps[at] = (name, Steps[at].CpuTicks + cpu, Steps[at].WallTicks + wall);
            }
        }
    }

    /// <summary>
    /// Where the time after the last request went, step by step, e.g. "after the load, CPU s (wall s): 0.20 (0.41)
    /// db_data Parquet, 0.10 (0.12) task summary"; null when no step was timed.
    /// </summary>
    public static string? DescribeSteps()
    {
        lock (Steps)
        {
            return Steps.Count == 0
                ? null
                : "after the load, CPU s (wall s): " + string.Join(", ", Steps.Select(s => $"{S(TimeSpan.FromTicks(s.CpuTicks).TotalSeconds)} ({S(TimeSpan.FromTicks(s.WallTicks).TotalSeconds)}) {s.Name}"));
        }
    }

    /// <summary>The pod's timings for its manifest (<see cref="Merge.PodTimings"/>), read now (the manifest's moment).</summary>
    public static Merge.PodTimings Timings(Engine.PodClock clock)
    {
        var cpuNow = Environment.CpuUsage.TotalTime;
        using var self = Process.GetCurrentProcess();
        var started = new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() * 1_000_000;
        var end = Interlocked.Read(ref _loadEndTicks);
        if (Interlocked.Read(ref _openTicks) == 0 || end == 0)
        {
            return new Merge.PodTimings(started, null, cpuNow.TotalSeconds, 0, 0);
        }

        var (openCpu, endCpu) = (TimeSpan.FromTicks(Interlocked.Read(ref _openCpuTicks)), TimeSpan.FromTicks(Interlocked.Read(ref _loadEndCpuTicks)));
        return new Merge.PodTimings(started, clock.ToUtcNs(end), openCpu.TotalSeconds, (endCpu - openCpu).TotalSeconds, (cpuNow - endCpu).TotalSeconds);
    }

    /// <summary>The line (short enough for a 120-column console with its prefixes), e.g. "CPU s (wall s): 0.31 (1.20) before the first request, 4.10 (9.80) under load, 0.40 (1.10) after".</summary>
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
        return $"CPU s (wall s): {S(TimeSpan.FromTicks(openCpu).TotalSeconds)} ({S(beforeWall)}) before the first request, "
            + $"{S(TimeSpan.FromTicks(endCpu - openCpu).TotalSeconds)} ({S(Stopwatch.GetElapsedTime(open, end).TotalSeconds)}) under load, "
            + $"{S(TimeSpan.FromTicks(cpuNow - endCpu).TotalSeconds)} ({S(Stopwatch.GetElapsedTime(end, now).TotalSeconds)}) after";
    }

    /// <summary>The CPU and wall time between two readings of <see cref="StepStarted"/>, as "0.82 (0.73)": CPU s (wall s).</summary>
    public static string Between((long Cpu, long Wall) from, (long Cpu, long Wall) to) =>
        $"{S(TimeSpan.FromTicks(to.Cpu - from.Cpu).TotalSeconds)} ({S(Stopwatch.GetElapsedTime(from.Wall, to.Wall).TotalSeconds)})";

    /// <summary>The process's CPU so far, in seconds, as "1.43".</summary>
    public static string ProcessCpu() => S(Environment.CpuUsage.TotalTime.TotalSeconds);

    private static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);
}
