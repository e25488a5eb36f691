namespace PodBench.Runtime.Metrics;

/// <summary>What a statistic column computes.</summary>
internal enum StatisticKind
{
    /// <summary>The mean.</summary>
    Average,

    /// <summary>The smallest value.</summary>
    Min,

    /// <summary>The largest value.</summary>
    Max,

    /// <summary>A percentile (Median is 50), numpy's linear interpolation.</summary>
    Percentile,
}
