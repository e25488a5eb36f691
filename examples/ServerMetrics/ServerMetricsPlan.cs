using System;
using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.Scraping;

/// <summary>
/// Two pods load one server and each scrapes its Prometheus endpoint every second while the run goes on (vLLM's
/// <c>vllm:num_requests_running</c>, <c>vllm:num_requests_waiting</c>, <c>vllm:kv_cache_usage_perc</c>, token
/// counters...). The merge puts both pods' samples on the load's time axis: report.html charts them under "Server
/// metrics", report.md tables min/mean/max per series. Against the built-in simulator, whose batch holds 8 streams
/// here, the waiting requests show the queue the 24 streams of the two pods build.
/// </summary>
[BenchmarkPlan]
public sealed class ServerMetricsPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Chat = ModelEndpoint.StreamChat("metrics-chat") with
    {
        Model = "qwen",
        Concurrency = 12,
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
    };

    private static readonly ModelEndpoint Second = Chat with { Abbr = "metrics-chat-2" };

    private static readonly SyntheticDataset Prompts = new("metrics-prompts")
    {
        RequestCount = 48,
        DistinctPrompts = true,
        Input = Length.Uniform(200, 400),
        Output = Length.Uniform(100, 150),
    };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Chat, Second];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Prompts];

    /// <inheritdoc />
    public override IReadOnlyList<PodGroup> Pods => [new(Chat, Prompts), new(Second, Prompts)];

    /// <summary>Every pod scrapes <c>/metrics</c> each second; <c>.OnlyPod(0)</c> would leave it to pod 0 alone.</summary>
    public override ServerMetrics ServerMetrics => ServerMetrics.Scrape("/metrics", TimeSpan.FromSeconds(1));

    /// <inheritdoc />
    public override SimulatorOptions Simulator => SimulatorOptions.Default with { MaxBatch = 8, DecodePerToken = TimeSpan.FromMilliseconds(10) };
}
