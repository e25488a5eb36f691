using System;
using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.Sweeping;

/// <summary>
/// Where does the server's latency break? The plan runs its task at concurrency 2, 4, 8, 16 and 32, each level a stage
/// of its own on both pods (the group's concurrency is split between them) and a task of its own in the results
/// (<c>sweep-chat/sweep-prompts.c8</c>...). The merge checks the gates at every level and names the best one: the
/// highest whose gates hold with every lower level's. report.html draws TTFT, TPOT and E2EL against the achieved
/// throughput, a point per level. Against the built-in simulator, whose batch holds 8 streams here, TTFT jumps past 8.
/// </summary>
[BenchmarkPlan]
public sealed class SweepPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Chat = ModelEndpoint.StreamChat("sweep-chat") with
    {
        Model = "qwen",
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
    };

    private static readonly SyntheticDataset Prompts = new("sweep-prompts")
    {
        RequestCount = 64,
        DistinctPrompts = true,
        Input = Length.Uniform(100, 200),
        Output = Length.Uniform(40, 60),
    };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Chat];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Prompts];

    /// <summary>One group on two pods: each level's concurrency and requests are split between them.</summary>
    public override IReadOnlyList<PodGroup> Pods => [new PodGroup(Chat, Prompts).WithReplicas(2)];

    /// <summary>
    /// Every level runs; <c>.UntilGatesFail()</c> would make it a search that stops after the first level whose gates
    /// fail. <c>Sweep.RequestRate(2, 4, 8)</c> sweeps the rate (requests/s) instead.
    /// </summary>
    public override Sweep Sweep => Sweep.Concurrency(2, 4, 8, 16, 32);

    /// <summary>The gate is the sweep's SLA: the best level is the highest where P90 TTFT stays within 100 ms.</summary>
    public override SummaryOptions Summary => SummaryOptions.Default.WithGates(SloGate.AtMost(PerfMetric.TTFT, Statistic.P90, 100));

    /// <inheritdoc />
    public override SimulatorOptions Simulator => SimulatorOptions.Default with { MaxBatch = 8, DecodePerToken = TimeSpan.FromMilliseconds(10) };
}
