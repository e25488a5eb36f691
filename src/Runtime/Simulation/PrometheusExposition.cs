using System;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// The simulator's <c>GET /metrics</c>: its live state in the Prometheus text format (version 0.0.4) under vLLM's
/// metric names, so a client that scrapes a vLLM server scrapes the simulator the same way.
/// </summary>
internal static class PrometheusExposition
{
    /// <summary>The content type Prometheus servers answer the text format with.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Answers <c>/metrics</c> (GET) with the current values.</summary>
    public static async Task WriteAsync(HttpContext context, SimulatorApp app)
    {
        var body = Encoding.UTF8.GetBytes(Text(app));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The exposition text of <paramref name="app"/>'s state now.</summary>
    public static string Text(SimulatorApp app)
    {
        var stats = app.Stats;
        var counters = app.Counters;
        var running = Math.Max(0, stats.StreamsInFlight);
        var waiting = Math.Max(0, stats.RequestsInFlight - running);
        var kvCapacity = (double)app.Options.MaxBatch * SimulatorCounters.KvTokensPerSlot;
        var kvUsage = Math.Clamp(counters.KvTokens / kvCapacity, 0, 1);
        var labels = "{engine=\"0\",model_name=\"" + Escape(app.Options.ModelId) + "\"}";
        var text = new StringBuilder(2048);
        Metric(text, "vllm:num_requests_running", "gauge", "Number of requests in model execution batches.", labels, running);
        Metric(text, "vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.", labels, waiting);
        Metric(text, "vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.", labels, kvUsage);
        Metric(text, "vllm:gpu_cache_usage_perc", "gauge", "GPU KV-cache usage. 1 means 100 percent usage.", labels, kvUsage);
        Metric(text, "vllm:prefix_cache_queries_total", "counter", "Prefix cache queries, in terms of number of queried tokens.", labels, counters.PrefixCacheQueries);
        Metric(text, "vllm:prefix_cache_hits_total", "counter", "Prefix cache hits, in terms of number of cached tokens.", labels, counters.PrefixCacheHits);
        Metric(text, "vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.", labels, counters.PromptTokens);
        Metric(text, "vllm:generation_tokens_total", "counter", "Number of generation tokens processed.", labels, counters.GenerationTokens);
        Metric(text, "vllm:request_success_total", "counter", "Count of successfully processed requests.", labels, stats.RequestsCompleted);
        return text.ToString();
    }

    private static void Metric(StringBuilder text, string name, string type, string help, string labels, double value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        text.Append(name).Append(labels).Append(' ').Append(value.ToString("0.0##############", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
