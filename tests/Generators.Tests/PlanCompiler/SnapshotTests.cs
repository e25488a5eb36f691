using Microsoft.CodeAnalysis;
using Xunit;

namespace PodBench.Generators.Tests.PlanCompiler;

public sealed class SnapshotTests
{
    [Theory]
    [InlineData("SeedPlan")]
    [InlineData("CartesianPlan")]
    [InlineData("SinglePodPlan")]
    [InlineData("EveryOptionPlan")]
    [InlineData("RuntimeValuesPlan")]
    public void Generated_entry_point_matches_snapshot_and_compiles(string name)
    {
        var run = TestHelpers.Run(Source(name));

        Assert.Empty(run.Diagnostics);
        Assert.NotNull(run.Generated);
        Snapshot.Verify(name, run.Generated!);
        Assert.Empty(run.CompileErrors);
        using var stream = new System.IO.MemoryStream();
        var emitted = run.Output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }

    [Fact]
    public void Library_project_gets_the_structure_but_no_Main()
    {
        var run = TestHelpers.Run(TestHelpers.Compile(OutputKind.DynamicallyLinkedLibrary, ("Plan.cs", TestPlans.Cartesian)), TestHelpers.CreateDriver(new System.Collections.Generic.Dictionary<string, string>()));

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("Main(", run.Generated);
        Assert.Contains("GeneratedPlan Plan", run.Generated);
        Assert.Empty(run.CompileErrors);
    }

    [Fact]
    public void Opting_out_drops_Main_and_keeps_a_user_Main_legal()
    {
        var userMain = "internal static class Program { public static int Main(string[] args) => 0; }";
        var driver = TestHelpers.CreateDriver(new System.Collections.Generic.Dictionary<string, string>
        {
            ["build_property.OutputType"] = "Exe",
            ["build_property.PodBenchGenerateEntryPoint"] = "false",
        });
        var run = TestHelpers.Run(TestHelpers.Compile(("Plan.cs", TestPlans.Cartesian), ("Program.cs", userMain)), driver);

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("Main(", run.Generated);
        Assert.Empty(run.CompileErrors);
    }

    internal static string Source(string name) => name switch
    {
        "SeedPlan" => TestPlans.Seed,
        "CartesianPlan" => TestPlans.Cartesian,
        "SinglePodPlan" => TestPlans.SinglePod,
        "EveryOptionPlan" => TestPlans.EveryOption,
        _ => TestPlans.RuntimeValues,
    };
}
