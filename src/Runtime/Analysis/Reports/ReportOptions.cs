namespace PodBench.Runtime.Reports;

/// <summary>How <see cref="ReportRenderer.Render"/> renders a merged run.</summary>
public sealed record ReportOptions
{
    /// <summary>A merged run to compare with (a table of deltas, regressions marked); null: no comparison.</summary>
    public string? BaselineRunDirectory { get; init; }

    /// <summary>A change beyond this many percent in the worse direction is a regression. Default 5.</summary>
    public double RegressionThresholdPercent { get; init; } = 5;

    /// <summary>Append the Markdown to <c>$GITHUB_STEP_SUMMARY</c> when that variable is set. Default true.</summary>
    public bool AppendStepSummary { get; init; } = true;

    /// <summary>Where the reports go; null: the run folder.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>At most this many requests are drawn in the timeline (evenly sampled by start). Default 400.</summary>
    public int TimelineRequests { get; init; } = 400;
}
