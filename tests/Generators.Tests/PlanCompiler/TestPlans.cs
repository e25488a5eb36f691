using System.IO;

namespace PodBench.Generators.Tests.PlanCompiler;

/// <summary>Plans the tests compile.</summary>
internal static class TestPlans
{
    /// <summary>The seed's two-pod plan, read from the repository's example.</summary>
    public static string Seed => File.ReadAllText(Path.Combine(TestHelpers.RepositoryRoot(), "examples", "MultiPod", "MultiPodPlan.cs"));

    /// <summary>Wraps plan members in a plan class (usings, namespace, attribute).</summary>
    public static string Wrap(string members, string name = "TestPlan") => $$"""
        using System;
        using System.Collections.Generic;
        using PodBench.Dsl;

        namespace Tests;

        [BenchmarkPlan]
        public sealed class {{name}} : BenchmarkPlan
        {
        {{members}}
        }
        """;

    /// <summary>Two models and two datasets, no pods: one pod runs all four tasks.</summary>
    public static readonly string Cartesian = Wrap("""
            private static readonly ModelEndpoint Small = ModelEndpoint.StreamChat("small") with { Concurrency = 8 };
            private static readonly ModelEndpoint Large = Small with { Abbr = "large", Concurrency = 4 };
            private static readonly SyntheticDataset Short = new("short") { RequestCount = 100, Input = Length.Fixed(128), Output = Length.Fixed(64) };
            private static readonly SyntheticDataset Long = Short.WithRequestCount(50).WithLengths(Length.Uniform(1000, 2000), Length.Zipf(1.5, 1, 512)) with { Abbr = "long" };

            public override IReadOnlyList<ModelEndpoint> Models => [Small, Large];

            public override IReadOnlyList<Dataset> Datasets => new Dataset[] { Short, Long };
        """, "CartesianPlan");

    /// <summary>One pod group of two models and one dataset.</summary>
    public static readonly string SinglePod = Wrap("""
            private const string Prefix = "single-";
            private static readonly ModelEndpoint A = ModelEndpoint.Chat(Prefix + "a");
            private static readonly ModelEndpoint B = ModelEndpoint.Completions(Prefix + "b").WithConcurrency(16);
            private static readonly Dataset Prompts = new SyntheticDataset("prompts") { RequestCount = 1000 };

            public override IReadOnlyList<ModelEndpoint> Models => [A, B];

            public override IReadOnlyList<Dataset> Datasets => [Prompts];

            public override IReadOnlyList<PodGroup> Pods => [new PodGroup([A, B], [Prompts])];
        """, "SinglePodPlan");

    /// <summary>Every option of the language, a replicated group and a block-bodied property.</summary>
    public static readonly string EveryOption = Wrap("""
            private static readonly ModelEndpoint Remote = ModelEndpoint.StreamCompletions("remote") with
            {
                Url = "https://llm.example.test:8443",
                Https = true,
                Tls = TlsOptions.Default.WithoutCertificateCheck() with { CaCertificatePath = "ca.pem" },
                Model = "qwen2.5-7b",
                ApiKey = ApiKey.FromEnvironment("REMOTE_KEY"),
                TokenizerPath = "tokenizers/qwen",
                MaxOutLen = 1024,
                Concurrency = 64,
                RequestRate = 20,
                Burstiness = 0.5,
                RampUp = RampUp.Linear(1, 20),
                Retry = 1,
                RequestTimeout = TimeSpan.FromSeconds(120),
                HeaderTimeout = TimeSpan.FromMinutes(2),
                IdleTimeout = TimeSpan.FromMilliseconds(1500),
                Generation = GenerationArgs.Empty.WithTemperature(0).WithTopP(0.9).WithTopK(40).WithIgnoreEos().WithMinTokens(8).WithRepetitionPenalty(1.1).WithSeed(7).With("stop", "</s>"),
            };

            private static readonly ModelEndpoint Local = new("local")
            {
                Api = ApiKind.Chat,
                Host = "127.0.0.1",
                Port = 8000,
                ApiKey = ApiKey.None,
                UseTimestamp = true,
            };

            private static readonly SyntheticDataset Tokens = new("tokens")
            {
                Kind = SyntheticKind.TokenId,
                RequestCount = 1 << 20,
                RequestSize = 4096,
                PrefixLen = 1024,
                Seed = 1,
            };

            private static readonly SyntheticDataset Shapes = new("shapes")
            {
                Input = Length.Gaussian(512, 0, 1, 1024),
                Output = Length.Zipf(10, 1, 1048576),
            };

            private static readonly CustomQaDataset Questions = new("questions", "data/qa.jsonl") { Kind = QaKind.MultipleChoice, MaxOutLen = 16 };
            private static readonly TraceDataset Trace = new("trace.v2", "data/trace.jsonl") { Seed = 3 };

            public override IReadOnlyList<ModelEndpoint> Models
            {
                get { return [Remote, Local]; }
            }

            public override IReadOnlyList<Dataset> Datasets => [Tokens, Shapes, Questions, Trace];

            public override IReadOnlyList<PodGroup> Pods =>
            [
                new PodGroup([Remote], [Tokens, Shapes]).WithReplicas(3),
                new(Local, Questions),
                new(Local, Trace) { Replicas = 1 },
            ];

            public override RunOptions Run => RunOptions.Default.WithPressure(30).WithMaxWorkers(2) with { WarmUp = 3, NumPrompts = 500 };

            public override SummaryOptions Summary => SummaryOptions.Default
                .WithStatistics(Statistic.Average, Statistic.Min, Statistic.Max, Statistic.Median, Statistic.P(95), Statistic.P99, Statistic.Parse("P50"), Statistic.P(1))
                .WithGates(SloGate.AtMost(PerfMetric.TTFT, Statistic.P99, 500), SloGate.AtLeast(PerfMetric.RequestThroughput, Statistic.Average, 10)) with { StableStage = false };

            public override SimulatorOptions Simulator => SimulatorOptions.Default.WithFault(SimulatorFault.Http429, 0.1) with { MaxBatch = 32 };
        """, "EveryOptionPlan");

    /// <summary>Abbrs computed at run time: nothing is reported and the pods are left to the runner.</summary>
    public static readonly string RuntimeValues = Wrap("""
            private static readonly string Suffix = Environment.GetEnvironmentVariable("SUFFIX") ?? "x";
            private static readonly ModelEndpoint Dynamic = ModelEndpoint.StreamChat("m-" + Suffix) with { Concurrency = int.Parse("0") };
            private static readonly SyntheticDataset Data = new("d") { RequestCount = Environment.ProcessorCount - 100 };

            public override IReadOnlyList<ModelEndpoint> Models => [Dynamic];

            public override IReadOnlyList<Dataset> Datasets => [Data];

            public override IReadOnlyList<PodGroup> Pods => [new(Dynamic, Data)];
        """, "RuntimeValuesPlan");
}
