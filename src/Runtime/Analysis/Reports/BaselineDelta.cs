namespace PodBench.Runtime.Reports;

/// <summary>One merged metric of the current run against the baseline run.</summary>
/// <param name="Metric">The metric (e.g. <c>TTFT</c> or <c>Request Throughput</c>).</param>
/// <param name="Statistic">The statistic (e.g. <c>P99</c>); empty for a run-level metric.</param>
/// <param name="Unit">The unit of the values.</param>
/// <param name="Baseline">The baseline's value.</param>
/// <param name="Current">The current run's value.</param>
/// <param name="Delta">Current minus baseline.</param>
/// <param name="DeltaPercent">The delta relative to the baseline, in percent; null when the baseline is 0.</param>
/// <param name="Better"><c>lower</c>, <c>higher</c> or empty when neither direction is better.</param>
/// <param name="Regression">Worse than the baseline by more than the threshold.</param>
/// <param name="Improvement">Better than the baseline by more than the threshold.</param>
public sealed record BaselineDelta(string Metric, string Statistic, string Unit, double Baseline, double Current, double Delta, double? DeltaPercent, string Better, bool Regression, bool Improvement);
