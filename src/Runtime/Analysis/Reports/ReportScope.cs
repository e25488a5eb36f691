using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>One summary (the merge, or a task) as table rows.</summary>
internal sealed class ReportScope
{
    public string Scope { get; init; } = "";

    public IReadOnlyList<ReportMetricRow> Metrics { get; init; } = [];

    public IReadOnlyList<ReportGlobalRow> Globals { get; init; } = [];

    /// <summary>Multi-turn sessions: the per-turn rows (<c>Stage</c> is the turn: <c>turn 0</c>, <c>turn 1</c>, ...); empty otherwise.</summary>
    public IReadOnlyList<ReportMetricRow> Turns { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];
}
