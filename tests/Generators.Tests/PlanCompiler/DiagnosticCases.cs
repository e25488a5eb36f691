using System.Collections.Generic;
using Xunit;

namespace PodBench.Generators.Tests.PlanCompiler;

/// <summary>
/// One wrong plan per diagnostic. <c>/*!*/</c> marks where the diagnostic must start, <c>/*+*/</c> where its
/// additional location must start (for the rules that name two places).
/// </summary>
internal static class DiagnosticCases
{
    private const string Basics = """
            private static readonly ModelEndpoint M = ModelEndpoint.StreamChat("m");
            private static readonly SyntheticDataset D = new("d") { RequestCount = 10 };
        """;

    private const string BasicLists = """
            public override IReadOnlyList<ModelEndpoint> Models => [M];

            public override IReadOnlyList<Dataset> Datasets => [D];
        """;

    public static TheoryData<string, string> All => new()
    {
        { "PB0001", """
            using PodBench.Dsl;
            [BenchmarkPlan]
            public sealed class /*!*/NotAPlan
            {
            }
            """ },
        { "PB0002", Plan(Basics + BasicLists, "public abstract class /*!*/TestPlan") },
        { "PB0003", Plan(Basics + BasicLists + "\n    public TestPlan(int seed) { }", "public sealed class /*!*/TestPlan") },
        { "PB0004", Plan(Basics + BasicLists, "public sealed class /*+*/TestPlan") + "\n" + Plan(Basics + BasicLists, "public sealed class /*!*/SecondPlan", withUsings: false) },
        { "PB0005", Plan(Basics + BasicLists) + "\ninternal static class Program\n{\n    public static int /*!*/Main(string[] args) => 0;\n}\n" },
        { "PB0006", Plan("""
                private static readonly ModelEndpoint M = ModelEndpoint.StreamChat(/*+*/"m");
                private static readonly ModelEndpoint Copy = ModelEndpoint.Chat(/*!*/"m");
                private static readonly SyntheticDataset D = new("d");
                public override IReadOnlyList<ModelEndpoint> Models => [M, Copy];
                public override IReadOnlyList<Dataset> Datasets => [D];
            """) },
        { "PB0007", Plan(Basics + """
                private static readonly Dataset Same = D with { RequestCount = 5 };
                public override IReadOnlyList<ModelEndpoint> Models => [M];
                public override IReadOnlyList<Dataset> Datasets => [/*+*/D, /*!*/Same];
            """) },
        { "PB0008", Plan("""
                private static readonly ModelEndpoint M = ModelEndpoint.StreamChat(/*!*/"gpu/a100");
                private static readonly SyntheticDataset D = new("d");
            """ + BasicLists) },
        { "PB0009", Plan(Basics + BasicLists + """
                private static readonly ModelEndpoint Other = M with { Abbr = "other" };
                public override IReadOnlyList<PodGroup> Pods => [new(/*!*/Other, D)];
            """) },
        { "PB0010", Plan(Basics + BasicLists + """
                public override IReadOnlyList<PodGroup> Pods => [new(M, D), new PodGroup([M], [D, /*!*/new SyntheticDataset("loose")])];
            """) },
        { "PB0011", Plan(Basics + BasicLists + """
                public override IReadOnlyList<PodGroup> Pods => [new PodGroup(/*!*/[], [D])];
            """) },
        { "PB0012", Plan(Basics.Replace("RequestCount = 10", "Input = /*!*/Length.Uniform(200, 100)") + BasicLists) },
        { "PB0013", Plan(Basics.Replace("RequestCount = 10", "Output = Length.Uniform(/*!*/0, 100)") + BasicLists) },
        { "PB0014", Plan(Basics.Replace("RequestCount = 10", "Output = Length.Zipf(/*!*/1.0, 1, 100)") + BasicLists) },
        { "PB0015", Plan(Basics.Replace("RequestCount = 10", "Input = Length.Gaussian(100, /*!*/-4, 1, 200)") + BasicLists) },
        { "PB0016", Plan(Basics.Replace("RequestCount = 10", "RequestCount = /*!*/0") + BasicLists) },
        { "PB0017", Plan(Basics + BasicLists + """
                public override SummaryOptions Summary => SummaryOptions.Default.WithStatistics(Statistic.Average, /*!*/Statistic.P(100));
            """) },
        { "PB0018", Plan(Basics + BasicLists + """
                public override SummaryOptions Summary => SummaryOptions.Default with
                {
                    Statistics = /*!*/[Statistic.Average, Statistic.Min, Statistic.Max, Statistic.Median, Statistic.P(25), Statistic.P75, Statistic.P90, Statistic.P99, Statistic.P(999 / 10)],
                };
            """) },
        { "PB0019", Plan(Basics.Replace("StreamChat(\"m\")", "StreamChat(\"m\") with { ApiKey = /*!*/ApiKey.FromLiteral(\"sk-not-a-secret\") }") + BasicLists) },
        { "PB0020", Plan(Basics + BasicLists + """
                public override IReadOnlyList<PodGroup> Pods => [/*+*/new(M, D), /*!*/new PodGroup([M], [D])];
            """) },
        { "PB0021", Plan(Basics.Replace("StreamChat(\"m\")", "StreamChat(\"m\").WithConcurrency(/*!*/0)") + BasicLists) },
        { "PB0022", Plan(Basics.Replace("StreamChat(\"m\")", "StreamChat(\"m\") with { Retry = /*!*/0 }") + BasicLists) },
        { "PB0023", Plan(Basics.Replace("RequestCount = 10", "Kind = SyntheticKind.TokenId, RequestSize = 64, PrefixLen = /*!*/65") + BasicLists) },
        { "PB0024", Plan(Basics.Replace("RequestCount = 10", "RequestSize = /*!*/(1 << 20) + 1") + BasicLists) },
        { "PB0025", Plan(Basics + BasicLists + """
                public override IReadOnlyList<PodGroup> Pods => [new PodGroup(M, D).WithReplicas(/*!*/0)];
            """) },
        { "PB0026", Plan(Basics + """
                public override IReadOnlyList<ModelEndpoint> Models => /*!*/[];
                public override IReadOnlyList<Dataset> Datasets => [D];
            """) },
        { "PB0028", Plan(Basics + """
                private static readonly ShareGptDataset S = new("s", "s.json") { SampleCount = /*!*/0 };
                public override IReadOnlyList<ModelEndpoint> Models => [M];
                public override IReadOnlyList<Dataset> Datasets => [D, S];
            """) },
        { "PB0029", Plan(Basics + """
                private static readonly PromptJsonlDataset P = new("p", "p.jsonl") { MinPromptLen = /*!*/9, MaxPromptLen = 3 };
                public override IReadOnlyList<ModelEndpoint> Models => [M];
                public override IReadOnlyList<Dataset> Datasets => [D, P];
            """) },
        { "PB0030", Plan(Basics + BasicLists + """
                public override SummaryOptions Summary => SummaryOptions.Default with { Goodput = new GoodputSlo { TtftMs = 500, TpotMs = /*!*/0 } };
            """) },
        { "PB0035", Plan(Basics + """
                private static readonly MultiTurnDataset S = new("s") { Sessions = 4, Turns = /*!*/2000 };
                public override IReadOnlyList<ModelEndpoint> Models => [M];
                public override IReadOnlyList<Dataset> Datasets => [D, S];
            """) },
        { "PB0036", Plan(Basics + """
                private static readonly ShareGptDataset S = new("s", "s.json") { MultiTurn = true, ThinkTime = /*!*/System.TimeSpan.FromMilliseconds(-500) };
                public override IReadOnlyList<ModelEndpoint> Models => [M];
                public override IReadOnlyList<Dataset> Datasets => [D, S];
            """) },
        { "PB0040", Plan(Basics + BasicLists + """
                public override ServerMetrics? ServerMetrics => ServerMetrics.Scrape("/metrics", /*!*/System.TimeSpan.FromSeconds(0));
            """) },
        { "PB0041", Plan(Basics + BasicLists + """
                public override ServerMetrics? ServerMetrics => ServerMetrics.Scrape(/*!*/"metrics?x=1", System.TimeSpan.FromSeconds(1));
            """) },
        { "PB0042", Plan(Basics + BasicLists + """
                public override ServerMetrics? ServerMetrics => ServerMetrics.Scrape("/metrics", System.TimeSpan.FromSeconds(1)).OnlyPod(/*!*/1);
            """) },
        { "PB0043", Plan(Basics + BasicLists + """
                public override Sweep? Sweep => /*!*/Sweep.Concurrency();
            """) },
        { "PB0044", Plan(Basics + BasicLists + """
                public override Sweep? Sweep => Sweep.RequestRate(1, /*!*/-2.5, 4);
            """) },
        { "PB0045", Plan(Basics + BasicLists + """
                public override Sweep? Sweep => Sweep.Concurrency(2, 8, /*!*/4, 16);
            """) },
        { "PB0046", Plan(Basics + BasicLists + """
                public override Sweep? Sweep => /*!*/Sweep.Concurrency(2, 4, 8).UntilGatesFail();
            """) },
        { "PB0047", Plan(Basics.Replace("StreamChat(\"m\")", "StreamChat(\"m\") with { UseTimestamp = /*!*/true }") + BasicLists + """
                public override Sweep? Sweep => Sweep.RequestRate(1, 2, 4);
            """) },
        { "PB0050", Plan("""
                private static readonly ModelEndpoint T = ModelEndpoint.TgiStream("t");
                private static readonly MultiTurnDataset MT = new("mt");
                public override IReadOnlyList<ModelEndpoint> Models => [T];
                public override IReadOnlyList<Dataset> Datasets => [MT];
                public override IReadOnlyList<PodGroup> Pods => [new(T, /*!*/MT)];
            """) },
        { "PB0051", Plan(Basics.Replace("ModelEndpoint.StreamChat(\"m\")", "ModelEndpoint.Tgi(\"m\") with { Model = /*!*/\"qwen\" }") + BasicLists) },
        { "PB0055", Plan("""
                private static readonly ModelEndpoint M = ModelEndpoint.StreamCompletions("m") with { Tools = /*!*/[new ToolFunction("f")] };
                private static readonly SyntheticDataset D = new("d");
            """ + BasicLists) },
        { "PB0056", Plan("""
                private static readonly ModelEndpoint M = ModelEndpoint.FunctionCallChat("m") with { Tools = [new ToolFunction("f") { Parameters = /*!*/"{\"type\": \"object\", }" }] };
                private static readonly SyntheticDataset D = new("d");
            """ + BasicLists) },
        { "PB0057", Plan("""
                private static readonly ModelEndpoint M = ModelEndpoint.StreamFunctionCallChat("m").WithTools([new ToolFunction("f"), new ToolFunction(/*!*/"f")]);
                private static readonly SyntheticDataset D = new("d");
            """ + BasicLists) },
        { "PB0058", Plan("""
                private static readonly ModelEndpoint M = ModelEndpoint.FunctionCallChat("m") with { Tools = [new ToolFunction("get_weather")], ToolChoice = /*!*/"get_time" };
                private static readonly SyntheticDataset D = new("d");
            """ + BasicLists) },
        { "PB0027", Plan(Basics.Replace("StreamChat(\"m\")", "StreamChat(\"m\") with { IdleTimeout = /*!*/System.TimeSpan.FromSeconds(0) }") + BasicLists) },
    };

    public static string Plan(string members, string declaration = "public sealed class TestPlan", bool withUsings = true) =>
        (withUsings ? "using System.Collections.Generic;\nusing PodBench.Dsl;\n\n" : "")
        + "[BenchmarkPlan]\n" + declaration + " : BenchmarkPlan\n{\n" + members + "\n}\n";

    public static IEnumerable<string> Ids()
    {
        foreach (var row in All)
        {
            yield return (string)row[0];
        }
    }
}
