using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using PodBench.Dsl;
using PodBench.Runtime.Planning;
using Xunit;

namespace PodBench.Generators.Tests.PlanCompiler;

/// <summary>The runner's checks (PlanValidator, PlanResolver) on live plans compiled from the same sources.</summary>
public sealed class RuntimeRulesTests
{
    private const string ManyErrors = """
            private static readonly ModelEndpoint M = ModelEndpoint.StreamChat("m") with { Concurrency = 0, Retry = 0, ApiKey = ApiKey.FromLiteral("sk-x"), HeaderTimeout = System.TimeSpan.Zero, IdleTimeout = System.TimeSpan.FromDays(2) };
            private static readonly ModelEndpoint Twin = ModelEndpoint.Chat("m");
            private static readonly ModelEndpoint Stray = ModelEndpoint.Chat("stray");
            private static readonly SyntheticDataset D = new("d/1") { RequestCount = 0, Input = Length.Uniform(9, 3), Output = Length.Zipf(0.5, 0, 10) };
            private static readonly SyntheticDataset T = new("t") { Kind = SyntheticKind.TokenId, RequestSize = 8, PrefixLen = 9, Input = Length.Gaussian(5, -1, 1, 10) };
            private static readonly ModelEndpoint Native = ModelEndpoint.Tgi("native") with { Model = "qwen", Tools = [new ToolFunction("t")] };
            private static readonly ModelEndpoint Tools = ModelEndpoint.StreamCompletions("tools") with { Tools = [new ToolFunction("f") { Parameters = "[1]" }, new ToolFunction("f"), new ToolFunction("a b")], ToolChoice = "g" };
            public override IReadOnlyList<ModelEndpoint> Models => [M, Twin, Native, Tools];
            private static readonly ShareGptDataset S = new("s", "s.json") { MinOutputLen = 8, MaxOutputLen = 4, SampleCount = 0 };
            private static readonly MultiTurnDataset MT = new("mt") { Turns = 0, Sessions = 2000000, ThinkTime = System.TimeSpan.FromSeconds(-1), Input = Length.Uniform(5, 2) };
            public override IReadOnlyList<Dataset> Datasets => [D, T, S, MT];
            public override IReadOnlyList<PodGroup> Pods => [new(M, D), new(M, D), new(Stray, T), new PodGroup([M], []).WithReplicas(0), new(Native, MT)];
            public override SummaryOptions Summary => SummaryOptions.Default.WithStatistics(Statistic.P(0), Statistic.Average, Statistic.Min, Statistic.Max, Statistic.Median, Statistic.P75, Statistic.P90, Statistic.P99, Statistic.Parse("P50")) with { Goodput = new GoodputSlo { E2elMs = -1 } };
            public override ServerMetrics? ServerMetrics => new ServerMetrics { Path = "metrics", Interval = System.TimeSpan.FromHours(2) }.OnlyPod(-1);
            public override Sweep? Sweep => Sweep.Concurrency(2, 0, 1, 1, 3).UntilGatesFail();
        """;

    [Fact]
    public void Runner_reports_the_same_ids_and_messages_as_the_compiler()
    {
        var source = DiagnosticCases.Plan(ManyErrors);
        var run = TestHelpers.Run(source, OutputKind.DynamicallyLinkedLibrary);
        var plan = Instantiate(run, "TestPlan");

        var compiler = run.Diagnostics.Select(d => d.Id + " " + d.GetMessage()).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var runner = PlanValidator.Validate(plan).Select(e => e.Id + " " + e.Message).OrderBy(s => s, StringComparer.Ordinal).ToList();

        Assert.True(compiler.Count >= 15, string.Join("\n", compiler));
        Assert.Equal(compiler, runner);
    }

    [Fact]
    public void Runner_names_the_plan_member_and_catches_what_the_compiler_cannot_see()
    {
        var run = TestHelpers.Run(TestPlans.RuntimeValues, OutputKind.DynamicallyLinkedLibrary);
        Assert.Empty(run.Diagnostics);
        var plan = Instantiate(run, "RuntimeValuesPlan");

        var errors = PlanValidator.Validate(plan);

        Assert.Contains(errors, e => e.Id == "PB0021" && e.Member == "RuntimeValuesPlan.Dynamic" && e.Message.Contains("Concurrency 0"));
        Assert.Contains(errors, e => e.Id == "PB0016" && e.Member == "RuntimeValuesPlan.Data");
        var thrown = Assert.Throws<PlanException>(() => PlanResolver.Resolve(plan));
        Assert.Equal(errors.Count, thrown.Errors.Count);
        Assert.Contains("PB0021 RuntimeValuesPlan.Dynamic: Model 'm-", thrown.Message);
        Assert.Contains("PB0016 RuntimeValuesPlan.Data: RequestCount", thrown.Message);
    }

    [Fact]
    public void Resolve_lists_every_error_not_just_the_first()
    {
        var run = TestHelpers.Run(DiagnosticCases.Plan(ManyErrors), OutputKind.DynamicallyLinkedLibrary);
        var plan = Instantiate(run, "TestPlan");

        var thrown = Assert.Throws<PlanException>(() => PlanResolver.Resolve(plan));

        var expected = PlanValidator.Validate(plan).Count(e => !e.IsWarning);
        Assert.Equal(expected, thrown.Errors.Count);
        Assert.DoesNotContain(thrown.Errors, e => e.IsWarning);
        Assert.Contains("TestPlan.Pods[3]", thrown.Message);
        Assert.DoesNotContain("sk-x", thrown.Message);
    }

    [Fact]
    public void Seed_plan_resolves_to_its_two_pods()
    {
        var run = TestHelpers.Run(TestPlans.Seed, OutputKind.DynamicallyLinkedLibrary);
        var plan = Instantiate(run, "MultiPodPlan");

        var pods = PlanResolver.Resolve(plan);

        Assert.Equal(2, pods.Count);
        Assert.Equal(["demo-vllm-api-general-chat-test1/synthetic-test1"], pods[0].Tasks.Select(t => t.Name));
        Assert.Equal(["demo-vllm-api-general-chat-test2/synthetic-test2"], pods[1].Tasks.Select(t => t.Name));
        Assert.Same(plan.Models[1], pods[1].Tasks[0].Model);
        Assert.Equal(1, pods[1].Tasks[0].Pod);
    }

    [Fact]
    public void Replicated_groups_expand_and_no_groups_means_every_pair_on_one_pod()
    {
        var replicated = Instantiate(TestHelpers.Run(TestPlans.EveryOption, OutputKind.DynamicallyLinkedLibrary), "EveryOptionPlan");
        var cartesian = Instantiate(TestHelpers.Run(TestPlans.Cartesian, OutputKind.DynamicallyLinkedLibrary), "CartesianPlan");

        var pods = PlanResolver.Resolve(replicated);
        var single = Assert.Single(PlanResolver.Resolve(cartesian));

        Assert.Equal(5, pods.Count);
        Assert.Equal([0, 1, 2], pods.Take(3).Select(p => p.Tasks[0].Replica));
        Assert.All(pods.Take(3), p => Assert.All(p.Tasks, t => Assert.Equal(3, t.Replicas)));
        Assert.Equal(["remote/tokens", "remote/shapes"], pods[2].Tasks.Select(t => t.Name));
        Assert.Equal(4, pods[4].Index);
        Assert.Equal(["small/short", "small/long", "large/short", "large/long"], single.Tasks.Select(t => t.Name));
    }

    [Fact]
    public void Generated_structure_matches_the_resolved_pods()
    {
        var run = TestHelpers.Run(TestPlans.EveryOption, OutputKind.DynamicallyLinkedLibrary);
        var assembly = Load(run);
        var generated = (GeneratedPlan)assembly.GetType("PodBench.Generated.BenchmarkProgram")!.GetField("Plan", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!;
        var plan = (BenchmarkPlan)Activator.CreateInstance(assembly.GetType("Tests.EveryOptionPlan")!)!;

        var resolved = PlanResolver.Resolve(plan);

        Assert.Equal("Tests.EveryOptionPlan", generated.PlanType);
        Assert.Equal(plan.GetType().FullName, generated.PlanType);
        Assert.Equal(
            resolved.Select(p => p.Index + ":" + string.Join(",", p.Tasks.Select(t => t.Name))),
            generated.Pods!.Select(p => p.Index + ":" + string.Join(",", p.Tasks.Select(t => t.Model + "/" + t.Dataset))));
    }

    private static BenchmarkPlan Instantiate(GeneratorRun run, string name)
    {
        var type = Load(run).GetTypes().Single(t => t.Name == name);
        return (BenchmarkPlan)Activator.CreateInstance(type)!;
    }

    private static Assembly Load(GeneratorRun run)
    {
        using var stream = new MemoryStream();
        var result = run.Output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
