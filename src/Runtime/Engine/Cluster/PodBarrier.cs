using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// A start barrier on the shared run folder. Each pod publishes <c>&lt;run&gt;/barrier/pod-&lt;i&gt;.json</c> once
/// (atomically, never overwritten), waits until all expected pods have, and then every pod computes the same start
/// from the same immutable files: the latest arrival on the reference clock plus the largest start margin. There is no
/// coordinator and no lock: two pods reading the same N files cannot disagree, and a pod that arrives again (a rerun)
/// keeps its first file, so it cannot move the start the others already use.
/// </summary>
public static class PodBarrier
{
    /// <summary>The barrier's folder inside a run folder.</summary>
    public const string FolderName = "barrier";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The offset of pods that read one clock (<see cref="PodBarrierOptions.Local"/>): 0, exactly.</summary>
    private static readonly ClockSkew OneClock = new(0, 0, 0, "not estimated: every pod reads this machine's clock");

    /// <summary>The announcement file of <paramref name="pod"/>.</summary>
    public static string ArrivalPath(string runDir, int pod) =>
        Path.Combine(runDir, FolderName, "pod-" + pod.ToString(CultureInfo.InvariantCulture) + ".json");

    /// <summary>The file recording when <paramref name="pod"/> actually started.</summary>
    public static string StartedPath(string runDir, int pod) =>
        Path.Combine(runDir, FolderName, "started-pod-" + pod.ToString(CultureInfo.InvariantCulture) + ".json");

    /// <summary>Announces <paramref name="pod"/> and waits for all <paramref name="podCount"/> pods, with the default options.</summary>
    /// <exception cref="PodBarrierTimeoutException">Some pods did not arrive within <paramref name="timeout"/>; it names them.</exception>
    /// <exception cref="InvalidDataException">A pod's file disagrees on the pod count (different plans in one run).</exception>
    public static Task<BarrierResult> WaitAsync(string runDir, int pod, int podCount, TimeSpan timeout, PodClock clock, CancellationToken cancellationToken) =>
        WaitAsync(runDir, pod, podCount, timeout, clock, PodBarrierOptions.Default, cancellationToken);

    /// <summary>Announces <paramref name="pod"/> and waits for all <paramref name="podCount"/> pods.</summary>
    /// <exception cref="PodBarrierTimeoutException">Some pods did not arrive within <paramref name="timeout"/>; it names them.</exception>
    /// <exception cref="InvalidDataException">A pod's file disagrees on the pod count (different plans in one run).</exception>
    public static async Task<BarrierResult> WaitAsync(string runDir, int pod, int podCount, TimeSpan timeout, PodClock clock, PodBarrierOptions options, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(podCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(pod);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pod, podCount);
        var waited = Stopwatch.StartNew();
        var folder = Path.Combine(runDir, FolderName);
        Directory.CreateDirectory(folder);

        var own = ArrivalPath(runDir, pod);
        var isRerun = File.Exists(own);
        if (!isRerun)
        {
            var skew = options.ClockProbes == 0
                ? OneClock
                : ClockSkewEstimator.Estimate(folder, "clock-pod-" + pod.ToString(CultureInfo.InvariantCulture), clock, options.ClockProbes);
            var arrival = new BarrierArrival
            {
                Pod = pod,
                PodCount = podCount,
                Host = Environment.MachineName,
                Node = options.Node,
                Pid = Environment.ProcessId,
                Attempt = Guid.NewGuid().ToString("N"),
                ArrivedUtcNs = clock.NowUtcNs(),
                AnchorTimestamp = clock.AnchorTimestamp,
                AnchorUtcNs = clock.AnchorUtcNs,
                StopwatchFrequency = Stopwatch.Frequency,
                ClockOffsetNs = skew.OffsetNs,
                ClockUncertaintyNs = skew.UncertaintyNs,
                ClockMethod = skew.Method,
                StartMarginNs = options.StartMargin.Ticks * 100L,
            };
            isRerun = !Results.AtomicFile.Write(own, JsonSerializer.Serialize(arrival, Json), overwrite: false);
        }

        var arrivals = new BarrierArrival?[podCount];
        var errors = new Dictionary<int, string>();
        var delay = options.FirstPoll;
        while (true)
        {
            var missing = new List<int>();
            for (var i = 0; i < podCount; i++)
            {
                if (arrivals[i] is null && !TryRead(runDir, i, podCount, out arrivals[i], errors))
                {
                    missing.Add(i);
                }
            }

            if (missing.Count == 0)
            {
                break;
            }

            var left = timeout - waited.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                var detail = errors.Count == 0 ? null : string.Join("; ", errors.Values);
                throw new PodBarrierTimeoutException(missing, timeout, folder, detail);
            }

            await Task.Delay(delay < left ? delay : left, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPoll.Ticks));
        }

        var all = Array.ConvertAll(arrivals, a => a!);
        var start = StartOf(all);
        var mine = all[pod];
        return new BarrierResult(start, all)
        {
            Pod = pod,
            LocalStartUtcNs = start - mine.ClockOffsetNs,
            IsRerun = isRerun,
        };
    }

    /// <summary>
    /// The start every pod agrees on: the latest arrival on the reference axis plus the largest margin, rounded up to
    /// a whole millisecond. A pure function of the announcements.
    /// </summary>
    public static long StartOf(IReadOnlyList<BarrierArrival> arrivals)
    {
        var latest = long.MinValue;
        var margin = 0L;
        foreach (var a in arrivals)
        {
            latest = Math.Max(latest, a.ReferenceArrivalNs);
            margin = Math.Max(margin, a.StartMarginNs);
        }

        const long ms = 1_000_000;
        var start = latest + margin;
        return start % ms == 0 ? start : start - (((start % ms) + ms) % ms) + ms;
    }

    /// <summary>
    /// Sleeps until <paramref name="utcNs"/> on <paramref name="clock"/>'s axis: a timer for most of the wait, then a
    /// short spin, so the return is close to the instant and never before it.
    /// </summary>
    /// <returns>How late it returned, ns (0 or more; large when the instant had already passed).</returns>
    public static async Task<long> SleepUntilUtcAsync(long utcNs, PodClock clock, CancellationToken cancellationToken)
    {
        const long spinNs = 20_000_000;
        while (true)
        {
            var left = utcNs - clock.NowUtcNs();
            if (left <= 0)
            {
                return -left;
            }

            if (left > spinNs)
            {
                await Task.Delay(TimeSpan.FromTicks((left - spinNs) / 100), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
                Thread.SpinWait(64);
            }
        }
    }

    /// <summary>
    /// Sleeps until the barrier's start on this pod's axis and records when the pod actually started
    /// (<c>barrier/started-pod-&lt;i&gt;.json</c>), which the merge reports.
    /// </summary>
    /// <returns>How late the pod started, ns.</returns>
    public static async Task<long> StartAsync(string runDir, BarrierResult result, PodClock clock, CancellationToken cancellationToken)
    {
        var late = await SleepUntilUtcAsync(result.LocalStartUtcNs, clock, cancellationToken).ConfigureAwait(false);
        RecordStart(runDir, result, late);
        return late;
    }

    /// <summary>Records that the pod of <paramref name="result"/> started <paramref name="lateNs"/> after the agreed start.</summary>
    public static BarrierStart RecordStart(string runDir, BarrierResult result, long lateNs)
    {
        ArgumentNullException.ThrowIfNull(result);
        var started = new BarrierStart(result.Pod, result.StartUtcNs, result.LocalStartUtcNs, result.LocalStartUtcNs + lateNs, lateNs, result.IsRerun);
        Results.AtomicFile.Write(StartedPath(runDir, result.Pod), JsonSerializer.Serialize(started, Json), overwrite: true);
        return started;
    }

    /// <summary>Reads pod <paramref name="pod"/>'s announcement, or null when it has none.</summary>
    /// <exception cref="InvalidDataException">The file is not an announcement.</exception>
    public static BarrierArrival? ReadArrival(string runDir, int pod)
    {
        var path = ArrivalPath(runDir, pod);
        return File.Exists(path) ? Parse<BarrierArrival>(path) : null;
    }

    /// <summary>Reads when pod <paramref name="pod"/> started, or null.</summary>
    public static BarrierStart? ReadStart(string runDir, int pod)
    {
        var path = StartedPath(runDir, pod);
        return File.Exists(path) ? Parse<BarrierStart>(path) : null;
    }

    private static T Parse<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a barrier file ({e.Message}).", e);
        }
    }

    private static bool TryRead(string runDir, int pod, int podCount, out BarrierArrival? arrival, Dictionary<int, string> errors)
    {
        arrival = null;
        try
        {
            arrival = ReadArrival(runDir, pod);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Transient on network file systems (stale handle, a file being renamed in); retried at the next poll.
            errors[pod] = e.Message;
            return false;
        }

        if (arrival is null)
        {
            return false;
        }

        if (arrival.PodCount != podCount || arrival.Pod != pod)
        {
            throw new InvalidDataException(
                $"{ArrivalPath(runDir, pod)}: pod {arrival.Pod} of {arrival.PodCount}, but this pod expects pod {pod} of {podCount}: every pod of one run must run the same plan.");
        }

        errors.Remove(pod);
        return true;
    }
}
