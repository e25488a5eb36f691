using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Cli;

/// <summary>Meets the other pods at the barrier on the shared volume, then sleeps until the agreed start instant.</summary>
internal static class StartBarrier
{
    public static async Task WaitAsync(string runDirectory, int pod, int podCount, double? timeoutSeconds, PodClock clock, TextWriter output, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(timeoutSeconds ?? 120);
        output.WriteLine($"pod {pod}: waiting at the start barrier for {podCount} pod(s) (timeout {timeout.TotalSeconds:0} s)");
        try
        {
            var result = await PodBarrier.WaitAsync(runDirectory, pod, podCount, timeout, clock, cancellationToken).ConfigureAwait(false);
            await PodBarrier.StartAsync(runDirectory, result, clock, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"pod {pod}: started at the agreed instant {DateTimeOffset.FromUnixTimeMilliseconds(result.StartUtcNs / 1_000_000):O}");
        }
        catch (PodBarrierTimeoutException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
