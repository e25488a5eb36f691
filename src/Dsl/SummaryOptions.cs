using System.Collections.Generic;

namespace PodBench.Dsl;

/// <summary>What the reports show and which gates must hold.</summary>
public sealed record SummaryOptions
{
    /// <summary>The reference's statistics (Average, Min, Max, Median, P75, P90, P99), the stable stage, no gates.</summary>
    public static SummaryOptions Default { get; } = new();

    /// <summary>Up to 8 statistics, in column order.</summary>
    public IReadOnlyList<Statistic> Statistics { get; init; } = new[]
    {
        Statistic.Average, Statistic.Min, Statistic.Max, Statistic.Median, Statistic.P75, Statistic.P90, Statistic.P99,
    };

    /// <summary>SLO gates checked on the merged result.</summary>
    public IReadOnlyList<SloGate> Gates { get; init; } = new SloGate[0];

    /// <summary>Goodput objectives (vLLM's <c>--goodput</c>); null reports no goodput.</summary>
    public GoodputSlo? Goodput { get; init; }

    /// <summary>Also report the stable stage (in-flight at the concurrency limit). Default true.</summary>
    public bool StableStage { get; init; } = true;

    /// <summary>A copy with <paramref name="statistics"/> as the columns.</summary>
    public SummaryOptions WithStatistics(params Statistic[] statistics) => this with { Statistics = statistics };

    /// <summary>A copy reporting goodput under the given limits in ms (null: not checked), e.g. <c>WithGoodput(ttftMs: 500, tpotMs: 50)</c>.</summary>
    public SummaryOptions WithGoodput(double? ttftMs = null, double? tpotMs = null, double? e2elMs = null) =>
        this with { Goodput = new GoodputSlo { TtftMs = ttftMs, TpotMs = tpotMs, E2elMs = e2elMs } };

    /// <summary>A copy with <paramref name="gates"/> checked.</summary>
    public SummaryOptions WithGates(params SloGate[] gates) => this with { Gates = gates };
}
