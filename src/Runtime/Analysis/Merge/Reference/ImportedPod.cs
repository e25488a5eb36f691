using System.Globalization;

namespace PodBench.Runtime.Merge.Reference;

/// <summary>
/// One imported pod's own figures, on its own clock (the reference's default calculator over this pod alone), shown
/// beside the merged ones.
/// </summary>
/// <param name="Pod">The pod index in the merge (the order of the folders given).</param>
/// <param name="Folder">The reference output folder.</param>
/// <param name="Total">Requests (details lines).</param>
/// <param name="Success">Successful requests with their time points.</param>
/// <param name="FirstSendSeconds">The pod's first send on its own monotonic clock (seconds); the merged axis's 0.</param>
/// <param name="DurationMs">Last successful end minus first successful start (ms), as the reference's Benchmark Duration.</param>
/// <param name="MaxConcurrency">The pod's Max Concurrency (its config's batch_size, else the peak in flight).</param>
/// <param name="ConcurrencySource">Where <paramref name="MaxConcurrency"/> comes from.</param>
public sealed record ImportedPod(int Pod, string Folder, long Total, long Success, double FirstSendSeconds, double DurationMs, int MaxConcurrency, string ConcurrencySource)
{
    /// <summary>Successful requests per second over the pod's own duration (0 without a duration).</summary>
    public double RequestThroughput => DurationMs > 0 ? Success / (DurationMs / 1000) : 0;

    /// <summary>One console line.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"pod {Pod} <- {Folder}: {Total} requests ({Total - Success} failed); first send at {FirstSendSeconds:0.######} s on its clock = 0 on the merged axis; Benchmark Duration {DurationMs:0.####} ms; Request Throughput {RequestThroughput:0.####} req/s; Max Concurrency {MaxConcurrency} ({ConcurrencySource})");
}
