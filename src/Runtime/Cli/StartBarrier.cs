using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Meets the other pods at the barrier on the shared volume once every task of this pod is prepared, then opens the
/// pod's start gate at the agreed instant: the tasks' measured phases, already set up, wait on that gate only.
/// </summary>
internal static class StartBarrier
{
    /// <summary>
    /// A pod that wakes this much after the agreed instant (a rerun, a pod that arrived after the others had started)
    /// is not aligned: it measures from when it woke, and a pressure run lasts its full time from there.
    /// </summary>
    public const long AlignedLateNs = 1_000_000_000;

    /// <summary>Announces this pod and waits for the others; returns the agreed start (it does not sleep until it).</summary>
    /// <param name="runDirectory">The run folder shared by the pods.</param>
    /// <param name="pod">This pod.</param>
    /// <param name="podCount">Pods expected at the barrier.</param>
    /// <param name="timeoutSeconds">How long to wait for them (default 120 s).</param>
    /// <param name="local">Pods of one machine (<see cref="PodBarrierOptions.Local"/>), else of a cluster (<see cref="PodBarrierOptions.Default"/>).</param>
    /// <param name="clock">This pod's clock.</param>
    /// <param name="output">Progress lines.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task<BarrierResult> MeetAsync(string runDirectory, int pod, int podCount, double? timeoutSeconds, bool local, PodClock clock, TextWriter output, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds ?? 120);
        var options = local ? PodBarrierOptions.Local : PodBarrierOptions.Default;
        output.WriteLine($"pod {pod}: prepared; waiting at the start barrier for {podCount} pod(s) (timeout {timeout.TotalSeconds:0} s)");
        try
        {
            return await PodBarrier.WaitAsync(runDirectory, pod, podCount, timeout, clock, options, cancellationToken).ConfigureAwait(false);
        }
        catch (PodBarrierTimeoutException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// Sleeps until the agreed instant and opens <paramref name="gate"/> with the measured phase's origin: the instant as
    /// a monotonic reading, or now when this pod woke too late to be aligned. Nothing else runs at the instant: the
    /// line is printed before, and the start is recorded (<see cref="PodBarrier.RecordStart"/>) after the run.
    /// </summary>
    /// <returns>How late the pod woke after the instant, ns.</returns>
    public static async Task<long> OpenAsync(BarrierResult result, PodClock clock, TaskCompletionSource<long> gate, TextWriter output, CancellationToken cancellationToken)
    {
        var agreed = DateTimeOffset.FromUnixTimeMilliseconds(result.StartUtcNs / 1_000_000).ToString("O", CultureInfo.InvariantCulture);
        var wait = (result.LocalStartUtcNs - clock.NowUtcNs()) / 1e6;
        if (wait > 0)
        {
            output.WriteLine($"pod {result.Pod}: every pod is ready; starting at the agreed instant {agreed} (in {wait:0.#} ms)");
        }

        var late = await PodBarrier.SleepUntilUtcAsync(result.LocalStartUtcNs, clock, cancellationToken).ConfigureAwait(false);
        gate.SetResult(late < AlignedLateNs ? clock.ToTimestamp(result.LocalStartUtcNs) : PodClock.Now());
        if (late >= AlignedLateNs)
        {
            RunnerDiagnostics.Warning(output, $"pod {result.Pod}: started {late / 1e9:0.###} s after the agreed instant {agreed}{(result.IsRerun ? " (a rerun)" : "")}: it does not measure the same moment as the other pods");
        }

        return late;
    }
}
