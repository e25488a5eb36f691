namespace PodBench.Dsl;

/// <summary>How a gate compares the measured value with its threshold.</summary>
public enum GateComparison
{
    /// <summary>The value must be at most the threshold (latencies, failures).</summary>
    AtMost,

    /// <summary>The value must be at least the threshold (throughputs).</summary>
    AtLeast,
}
