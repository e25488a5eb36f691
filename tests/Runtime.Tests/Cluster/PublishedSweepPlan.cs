namespace PodBench.Runtime.Tests.Cluster;

/// <summary>
/// A sweep plan published as a runner (deploy/publish.sh): one model x dataset group on two pods (Replicas 2, so each
/// level's concurrency is split between them), concurrency levels 2 to 32 and a P90 TTFT gate.
/// </summary>
public sealed class PublishedSweepPlan : PublishedPlan
{
    private const string Source = """
        using System.Collections.Generic;
        using PodBench.Dsl;

        namespace SweepPublish;

        [BenchmarkPlan]
        public sealed class TwoPodSweepPlan : BenchmarkPlan
        {
            private static readonly ModelEndpoint Model = ModelEndpoint.StreamChat("sweep-model") with
            {
                Model = "qwen",
                Generation = GenerationArgs.Empty.WithIgnoreEos(),
            };

            private static readonly SyntheticDataset Data = new("sweep-data") { RequestCount = 32, Input = Length.Uniform(10, 10), Output = Length.Uniform(20, 20) };

            public override IReadOnlyList<ModelEndpoint> Models => [Model];

            public override IReadOnlyList<Dataset> Datasets => [Data];

            public override IReadOnlyList<PodGroup> Pods => [new PodGroup(Model, Data).WithReplicas(2)];

            public override Sweep? Sweep => Sweep.Concurrency(2, 4, 8, 16, 32);

            public override SummaryOptions Summary => SummaryOptions.Default.WithGates(SloGate.AtMost(PerfMetric.TTFT, Statistic.P90, 100));
        }
        """;

    public PublishedSweepPlan()
        : base("SweepPublish", Source)
    {
    }
}
