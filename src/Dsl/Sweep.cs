using System.Collections.Generic;

namespace PodBench.Dsl;

/// <summary>
/// Runs every task of the plan at several load levels, one stage per level (vLLM's <c>bench sweep</c>, GuideLLM's
/// <c>sweep</c>): each level replaces the model's <see cref="ModelEndpoint.Concurrency"/> or
/// <see cref="ModelEndpoint.RequestRate"/> and is a task of its own (<c>model/dataset.c8</c>, <c>model/dataset.r2.5</c>),
/// merged across pods like any task. The report draws the latency-throughput curve and names the best level: the
/// highest whose <see cref="SummaryOptions.Gates"/> hold. With <see cref="UntilGatesFail"/> the sweep is a search: it
/// stops after the first level whose gates fail, so the levels past the knee are not run.
/// </summary>
/// <example><c>public override Sweep? Sweep => Sweep.Concurrency(2, 4, 8, 16, 32).UntilGatesFail();</c></example>
public sealed record Sweep
{
    /// <summary>What the levels set: the concurrency limit or the request rate.</summary>
    public SweepDimension Dimension { get; init; }

    /// <summary>The levels, strictly increasing: integers of at least 1 for concurrency, requests/s above 0 for a rate.</summary>
    public IReadOnlyList<double> Levels { get; init; } = new double[0];

    /// <summary>
    /// A search: after each level the pods read every pod's records of it and check the gates; the sweep stops after
    /// the first level that fails them (needs gates). Default false: every level runs.
    /// </summary>
    public bool StopAtFailure { get; init; }

    /// <summary>Every level a concurrency limit, e.g. <c>Sweep.Concurrency(2, 4, 8, 16, 32)</c>.</summary>
    /// <param name="levels">Concurrency limits, increasing, each at least 1.</param>
    public static Sweep Concurrency(params int[] levels) => new() { Dimension = SweepDimension.Concurrency, Levels = System.Array.ConvertAll(levels, l => (double)l) };

    /// <summary>Every level a request rate in requests/s, e.g. <c>Sweep.RequestRate(1, 2, 4, 8)</c>.</summary>
    /// <param name="levels">Request rates, increasing, each more than 0.</param>
    public static Sweep RequestRate(params double[] levels) => new() { Dimension = SweepDimension.RequestRate, Levels = levels };

    /// <summary>A copy that searches: it stops after the first level whose gates fail (<see cref="StopAtFailure"/>).</summary>
    public Sweep UntilGatesFail() => this with { StopAtFailure = true };
}
