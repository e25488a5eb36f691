namespace PodBench.Runtime.Reports;

/// <summary>What <see cref="ReportRenderer.Render"/> wrote.</summary>
/// <param name="MarkdownPath">The Markdown report (fits a CI job summary or a PR comment).</param>
/// <param name="HtmlPath">The self-contained HTML report.</param>
/// <param name="StepSummaryPath">The job summary file appended to, or null.</param>
/// <param name="Comparison">The baseline comparison, or null when no baseline was given.</param>
public sealed record ReportOutcome(string MarkdownPath, string HtmlPath, string? StepSummaryPath, BaselineComparison? Comparison);
