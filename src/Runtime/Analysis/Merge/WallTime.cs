using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Where a run's wall time went (merge_summary.json's <c>wall_time</c>, the reports' "Wall time" line), from the pods'
/// <see cref="PodTimings"/> and measured windows, and, when the merge runs in the command that ran the pods
/// (RunBenchmark), from that command's start: build, pods' start-up and preparation, load, after the load, merge.
/// </summary>
/// <param name="Steps">The steps in order; they add up to the span they cover.</param>
/// <param name="PodCpuSeconds">The pods' CPU, summed: before the first request, under load, after the last.</param>
public sealed record WallTime(IReadOnlyList<WallTimeStep> Steps, IReadOnlyList<WallTimeStep> PodCpuSeconds)
{
    /// <summary>
    /// Measures the run of <paramref name="pods"/>; null when a pod's manifest has no timings. <paramref name="commandStartedUtcNs"/>
    /// (the RunBenchmark command's start) adds the build before the pods and the merge up to <paramref name="nowUtcNs"/>;
    /// it is ignored when it is not before the pods (a later merge of an older run).
    /// </summary>
    public static WallTime? Measure(IReadOnlyList<PodManifest> pods, long? commandStartedUtcNs, long nowUtcNs)
    {
        ArgumentNullException.ThrowIfNull(pods);
        if (pods.Count == 0 || pods.Any(p => p.Timings is null || p.MeasuredWindow is null))
        {
            return null;
        }

        var started = pods.Min(p => p.Timings!.ProcessStartedUtcNs);
        var opened = pods.Min(p => p.MeasuredWindow!.StartedUtcNs);
        var loadEnded = pods.Max(p => p.Timings!.LoadEndedUtcNs ?? p.MeasuredWindow!.LastEndUtcNs ?? p.MeasuredWindow!.StartedUtcNs);
        var ended = pods.Max(p => p.EndedUtc.ToUnixTimeMilliseconds() * 1_000_000);
        var steps = new List<WallTimeStep>();
        var sameCommand = RanThePods(pods, commandStartedUtcNs);
        if (sameCommand)
        {
            steps.Add(new("build (MSBuild, the simulator, the plan's listing)", Seconds(started - commandStartedUtcNs!.Value)));
        }

        steps.Add(new("pods' start-up and preparation (runtime, rows, model, warm-up, barrier)", Seconds(opened - started)));
        steps.Add(new("load", Seconds(loadEnded - opened)));
        steps.Add(new("after the load (pods' files, Parquet, manifests)", Seconds(ended - loadEnded)));
        if (sameCommand)
        {
            steps.Add(new("merge (to its summary; the reports follow)", Seconds(nowUtcNs - ended)));
        }

        var cpu = new List<WallTimeStep>
        {
            new("before the first request", pods.Sum(p => p.Timings!.CpuBeforeSeconds)),
            new("under load", pods.Sum(p => p.Timings!.CpuUnderLoadSeconds)),
            new("after the load", pods.Sum(p => p.Timings!.CpuAfterSeconds)),
        };
        return new WallTime(steps, cpu);
    }

    /// <summary>
    /// True when the command that started at <paramref name="commandStartedUtcNs"/> ran <paramref name="pods"/> (it began
    /// before them); false for a later merge of pods run earlier, or without a command's start.
    /// </summary>
    public static bool RanThePods(IReadOnlyList<PodManifest> pods, long? commandStartedUtcNs) =>
        commandStartedUtcNs is { } command && pods.Count > 0 && pods.All(p => p.Timings is not null) && command <= pods.Min(p => p.Timings!.ProcessStartedUtcNs);

    /// <summary>One line for the reports, e.g. "3.10 s build, 1.20 s pods' start-up ..., 2.00 s load, ... (pods' CPU: ...)".</summary>
    public string Describe() =>
        string.Join(", ", Steps.Select(s => $"{S(s.Seconds)} s {s.Step}"))
        + "; the pods' CPU: " + string.Join(", ", PodCpuSeconds.Select(s => $"{S(s.Seconds)} s {s.Step}"));

    private static double Seconds(long ns) => Math.Max(0, ns) / 1e9;

    private static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);
}
