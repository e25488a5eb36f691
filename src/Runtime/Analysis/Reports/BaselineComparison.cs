using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Reports;

/// <summary>The merged metrics of a run against a baseline run.</summary>
/// <param name="CurrentRun">The current run's name.</param>
/// <param name="BaselineRun">The baseline run's name.</param>
/// <param name="ThresholdPercent">A change beyond this many percent in the worse direction is a regression.</param>
/// <param name="Rows">One row per metric and statistic.</param>
public sealed record BaselineComparison(string CurrentRun, string BaselineRun, double ThresholdPercent, IReadOnlyList<BaselineDelta> Rows)
{
    /// <summary>The rows marked as regressions.</summary>
    public IReadOnlyList<BaselineDelta> Regressions => Rows.Where(r => r.Regression).ToList();
}
