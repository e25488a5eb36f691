using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>What the Scriban templates see (Scriban exposes members in snake_case). Values are preformatted text.</summary>
internal sealed class ReportModel
{
    public string RunName { get; init; } = "";

    public string PlanHash { get; init; } = "";

    public bool Partial { get; init; }

    public string PodsLine { get; init; } = "";

    public string HeadLine { get; init; } = "";

    public string ClockSkew { get; init; } = "";

    /// <summary>The staggered-pods warning (top of the report), or empty when the pods measured together.</summary>
    public string Staggered { get; init; } = "";

    /// <summary>How closely the pods measured together, in one line.</summary>
    public string AlignmentLine { get; init; } = "";

    /// <summary>Where the run's wall time went (<see cref="Merge.WallTime.Describe"/>); empty when the pods did not record it.</summary>
    public string WallTimeLine { get; init; } = "";

    public IReadOnlyList<ReportWindow> Windows { get; init; } = [];

    /// <summary>Active Time and the throughputs over it, when the pods are staggered.</summary>
    public IReadOnlyList<ReportPair> OverActiveTime { get; init; } = [];

    /// <summary>Whether the pods' socket loops polled or slept between events: lag figures compare only when it agrees.</summary>
    public string SocketLoop { get; init; } = "";

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];

    public IReadOnlyList<string> Statistics { get; init; } = [];

    public ReportScope Merged { get; init; } = new();

    public IReadOnlyList<ReportScope> Tasks { get; init; } = [];

    public IReadOnlyList<ReportGate> Gates { get; init; } = [];

    public int GatesFailed { get; init; }

    public IReadOnlyList<ReportPod> Pods { get; init; } = [];

    public IReadOnlyList<ReportPair> ClientLag { get; init; } = [];

    public IReadOnlyList<ReportPair> Goodput { get; init; } = [];

    /// <summary>The prefix-cache figures the server reported (merged, per stage); empty when it reported none.</summary>
    public IReadOnlyList<ReportPair> PrefixCache { get; init; } = [];

    public IReadOnlyList<ReportPair> Failures { get; init; } = [];

    public IReadOnlyList<ReportSlowRequest> Slowest { get; init; } = [];

    public string SlowestNote { get; init; } = "";

    public ReportBaseline? Baseline { get; init; }

    public IReadOnlyList<ReportChart> Charts { get; init; } = [];

    /// <summary>The current run and the baseline drawn together (empty without a baseline).</summary>
    public IReadOnlyList<ReportChart> ComparisonCharts { get; init; } = [];

    /// <summary>The comparison's figures as report.md's tables; null without a baseline.</summary>
    public ReportComparison? Comparison { get; init; }

    /// <summary>What makes the figures invalid or incomplete (<see cref="ReportWarnings"/>): the banner at the top.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Whether the plan has a stable stage: without one the tables have no stage column.</summary>
    public bool HasStable { get; init; }

    /// <summary>The per-task headline table's statistic columns (the median and the highest percentile).</summary>
    public IReadOnlyList<string> HeadlineStatistics { get; init; } = [];

    /// <summary>One row per task for the compact table.</summary>
    public IReadOnlyList<ReportTaskRow> TaskRows { get; init; } = [];

    /// <summary>How many tasks get their full tables in report.md (the rest are in report.html), to keep it short enough for a CI summary.</summary>
    public int MarkdownTaskDetails { get; set; }

    /// <summary>How many rows of the baseline's per-task table report.md shows (the merge's first), to keep it short enough.</summary>
    public int MarkdownComparisonRows { get; set; } = int.MaxValue;

    /// <summary>The scraped server metrics drawn on the load's time axis (empty when the run scraped none).</summary>
    public IReadOnlyList<ReportChart> ServerCharts { get; init; } = [];

    /// <summary>The plan's sweep: a table and charts per curve (empty without a sweep).</summary>
    public IReadOnlyList<ReportSweep> Sweep { get; init; } = [];

    /// <summary>Min, mean and max of each scraped series, for report.md.</summary>
    public IReadOnlyList<ReportServerMetric> ServerMetrics { get; init; } = [];
}
