using System.Linq;
using Xunit;

namespace PodBench.Generators.Tests.PlanCompiler;

/// <summary>Code being typed in an editor must never make the generator throw (CS8785 would break the build).</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> HalfTyped => new()
    {
        DiagnosticCases.Plan("private static readonly ModelEndpoint M = ModelEndpoint.StreamChat(\n public override IReadOnlyList<ModelEndpoint> Models => [M"),
        DiagnosticCases.Plan("private static readonly ModelEndpoint M = M with { Abbr = \"m\" };\npublic override IReadOnlyList<ModelEndpoint> Models => [M];\npublic override IReadOnlyList<Dataset> Datasets => [];"),
        DiagnosticCases.Plan("private static readonly SyntheticDataset D = new(\"d\") { RequestCount = , Input = Length.Uniform(1, };\npublic override IReadOnlyList<Dataset> Datasets => [D, Missing];"),
        DiagnosticCases.Plan("public override IReadOnlyList<PodGroup> Pods => [new(), new PodGroup(null!, null!), .. Other];"),
        DiagnosticCases.Plan("public override IReadOnlyList<ModelEndpoint> Models { get { var x = 1; return []; } }\npublic override SummaryOptions Summary => SummaryOptions.Default with { Statistics = null! };"),
        "[PodBench.Dsl.BenchmarkPlan] class",
        "using PodBench.Dsl; [BenchmarkPlan] public partial class P : BenchmarkPlan { } public partial class P { }",
    };

    [Theory]
    [MemberData(nameof(HalfTyped))]
    public void Half_typed_plans_never_make_the_generator_throw(string source)
    {
        var run = TestHelpers.Run(source);

        Assert.Null(run.Result.Results.Single().Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8784" or "CS8785");
    }
}
