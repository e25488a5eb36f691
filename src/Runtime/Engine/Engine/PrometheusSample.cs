using System.Collections.Generic;

namespace PodBench.Runtime.Engine;

/// <summary>One sample line of the Prometheus text format.</summary>
/// <param name="Name">The metric name, e.g. <c>vllm:num_requests_running</c> (a histogram's lines keep their suffix).</param>
/// <param name="Labels">The labels in the order written, values unescaped.</param>
/// <param name="Value">The value (NaN and ±Infinity included).</param>
/// <param name="TimestampMs">The sample's own timestamp in ms since the Unix epoch, when the line has one.</param>
public sealed record PrometheusSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long? TimestampMs);
