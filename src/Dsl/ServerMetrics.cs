using System;

namespace PodBench.Dsl;

/// <summary>
/// Scraping the server's Prometheus endpoint while the run goes on (vLLM's <c>vllm:num_requests_running</c>,
/// <c>vllm:kv_cache_usage_perc</c>... at <c>/metrics</c>): every pod, or only <see cref="Pod"/>, reads it every
/// <see cref="Interval"/> into the run folder; the merge puts every pod's samples on the load's time axis and the
/// reports plot them. A failed scrape is a warning, never a failed run.
/// </summary>
/// <example><c>public override ServerMetrics? ServerMetrics => ServerMetrics.Scrape("/metrics", TimeSpan.FromSeconds(1));</c></example>
public sealed record ServerMetrics
{
    /// <summary>The path of the metrics endpoint on each model's server, from the server's root. Default <c>/metrics</c>.</summary>
    public string Path { get; init; } = "/metrics";

    /// <summary>Time between two scrapes (each scrape also ends within it). Default 1 s; <c>BenchmarkScrapeInterval</c> overrides it.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Only this pod (0-based) scrapes; null (the default) lets every pod scrape the servers of its own tasks.</summary>
    public int? Pod { get; init; }

    /// <summary>Scrapes <paramref name="path"/> every <paramref name="interval"/> from every pod.</summary>
    /// <param name="path">The endpoint's path from the server's root, e.g. <c>/metrics</c>.</param>
    /// <param name="interval">Time between two scrapes, more than zero.</param>
    public static ServerMetrics Scrape(string path, TimeSpan interval) => new() { Path = path, Interval = interval };

    /// <summary>A copy where only pod <paramref name="pod"/> (0-based) scrapes.</summary>
    /// <param name="pod">The pod that scrapes.</param>
    public ServerMetrics OnlyPod(int pod) => this with { Pod = pod };
}
