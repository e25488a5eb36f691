using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PodBench.Shared;
using Xunit;

namespace PodBench.Generators.Tests.PlanCompiler;

public sealed class DiagnosticTests
{
    [Theory]
    [MemberData(nameof(DiagnosticCases.All), MemberType = typeof(DiagnosticCases))]
    public void Rule_fires_at_the_exact_place(string id, string source)
    {
        var run = TestHelpers.Run(source);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(PlanRules.IsWarning(id) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Marker(source, "/*!*/"), diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Equal("Plan.cs", diagnostic.Location.GetLineSpan().Path);
        if (source.Contains("/*+*/"))
        {
            var additional = Assert.Single(diagnostic.AdditionalLocations);
            Assert.Equal(Marker(source, "/*+*/"), additional.GetLineSpan().StartLinePosition);
        }

        Assert.DoesNotContain("{", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_descriptor_has_a_case_and_a_documented_section()
    {
        var docs = System.IO.File.ReadAllText(System.IO.Path.Combine(TestHelpers.RepositoryRoot(), "docs", "diagnostics.md"));
        var ids = typeof(PlanRuleIds).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(ids.OrderBy(i => i), DiagnosticCases.Ids().OrderBy(i => i));
        foreach (var id in ids)
        {
            Assert.Contains("## " + id, docs);
            Assert.Equal(id, DiagnosticDescriptors.Get(id).Id);
        }
    }

    [Fact]
    public void Top_level_statements_clash_with_the_generated_Main()
    {
        var run = TestHelpers.Run(TestHelpers.Compile(("Plan.cs", TestPlans.Cartesian), ("Program.cs", "System.Console.WriteLine(1);\nreturn 0;\n")));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("PB0005", diagnostic.Id);
        Assert.Equal(new LinePosition(0, 0), diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Contains("Top-level statements", diagnostic.GetMessage());
        Assert.Null(run.Generated);
    }

    [Theory]
    [InlineData("SeedPlan")]
    [InlineData("CartesianPlan")]
    [InlineData("SinglePodPlan")]
    [InlineData("EveryOptionPlan")]
    [InlineData("RuntimeValuesPlan")]
    public void A_correct_plan_raises_nothing(string name)
    {
        var run = TestHelpers.Run(SnapshotTests.Source(name));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
    }

    [Fact]
    public void Values_flow_through_fields_and_with_and_are_reported_once_where_written()
    {
        var source = DiagnosticCases.Plan("""
                private const int Zero = 0;
                private static readonly SyntheticDataset Base = new("base") { RequestCount = /*!*/Zero };
                private static readonly SyntheticDataset Derived = Base with { Abbr = "derived" };
                private static readonly ModelEndpoint M = ModelEndpoint.StreamChat("m");
                public override IReadOnlyList<ModelEndpoint> Models => [M];
                public override IReadOnlyList<Dataset> Datasets => [Base, Derived];
            """);

        var run = TestHelpers.Run(source);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("PB0016", diagnostic.Id);
        Assert.Equal(Marker(source, "/*!*/"), diagnostic.Location.GetLineSpan().StartLinePosition);
        Assert.Equal("RequestCount 0 is outside 1..1048576", diagnostic.GetMessage());
    }

    [Fact]
    public void A_later_with_fixes_an_earlier_value()
    {
        var source = DiagnosticCases.Plan("""
                private static readonly SyntheticDataset Broken = new("broken") { RequestCount = 0 };
                private static readonly SyntheticDataset Fixed = Broken with { Abbr = "fixed", RequestCount = 5 };
                private static readonly ModelEndpoint M = ModelEndpoint.StreamChat("m");
                public override IReadOnlyList<ModelEndpoint> Models => [M];
                public override IReadOnlyList<Dataset> Datasets => [Fixed];
            """);

        Assert.Empty(TestHelpers.Run(source).Diagnostics);
    }

    [Fact]
    public void A_field_a_constructor_overwrites_is_left_to_the_runner()
    {
        var source = DiagnosticCases.Plan("""
                private static readonly SyntheticDataset D = new("d") { RequestCount = 0 };
                private static readonly ModelEndpoint M = ModelEndpoint.StreamChat("m");
                static TestPlan() { D = new("d") { RequestCount = 5 }; }
                public override IReadOnlyList<ModelEndpoint> Models => [M];
                public override IReadOnlyList<Dataset> Datasets => [D];
            """);

        var run = TestHelpers.Run(source);

        Assert.Empty(run.Diagnostics);
        Assert.Contains("GeneratedPlan(\n            \"TestPlan\",\n            null)", run.Generated!.Replace("\r", ""));
    }

    [Fact]
    public void List_initializers_are_read_like_collection_expressions()
    {
        var source = DiagnosticCases.Plan("""
                private static readonly ModelEndpoint A = ModelEndpoint.StreamChat("a");
                private static readonly SyntheticDataset D = new("d");
                public override IReadOnlyList<ModelEndpoint> Models => new List<ModelEndpoint> { A };
                public override IReadOnlyList<Dataset> Datasets => new List<Dataset> { D };
                public override IReadOnlyList<PodGroup> Pods => new List<PodGroup> { new(A, D), new(/*!*/ModelEndpoint.Chat("b"), D) };
            """);

        var diagnostic = Assert.Single(TestHelpers.Run(source).Diagnostics);

        Assert.Equal("PB0009", diagnostic.Id);
        Assert.Equal(Marker(source, "/*!*/"), diagnostic.Location.GetLineSpan().StartLinePosition);
    }

    [Fact]
    public void Wait_limits_are_read_in_every_form_a_TimeSpan_is_written()
    {
        var source = DiagnosticCases.Plan("""
                private static readonly System.TimeSpan TooLong = System.TimeSpan.FromHours(25);
                private static readonly ModelEndpoint A = ModelEndpoint.StreamChat("a") with { HeaderTimeout = /*1*/new System.TimeSpan(0, 0, 0) };
                private static readonly ModelEndpoint B = ModelEndpoint.StreamChat("b") with { IdleTimeout = /*2*/System.Threading.Timeout.InfiniteTimeSpan };
                private static readonly ModelEndpoint C = ModelEndpoint.StreamChat("c") with { IdleTimeout = /*3*/TooLong };
                private static readonly ModelEndpoint D = ModelEndpoint.StreamChat("d") with { HeaderTimeout = /*4*/System.TimeSpan.FromMinutes(-1, 30) };
                private static readonly ModelEndpoint Fine = ModelEndpoint.StreamChat("fine") with { HeaderTimeout = System.TimeSpan.FromMilliseconds(1500), IdleTimeout = new System.TimeSpan(1, 0, 0, 0) };
                private static readonly SyntheticDataset Data = new("data");
                public override IReadOnlyList<ModelEndpoint> Models => [A, B, C, D, Fine];
                public override IReadOnlyList<Dataset> Datasets => [Data];
            """);

        var diagnostics = TestHelpers.Run(source).Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();

        Assert.All(diagnostics, d => Assert.Equal("PB0027", d.Id));
        Assert.Equal(
            ["Model 'a' has HeaderTimeout 0 s", "Model 'b' has IdleTimeout -0.001 s", "Model 'c' has IdleTimeout 90000 s", "Model 'd' has HeaderTimeout -30 s"],
            diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split(';')[0]));
        Assert.Equal(
            Enumerable.Range(1, 4).Select(i => Marker(source, $"/*{i}*/")),
            diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition));
    }

    private static LinePosition Marker(string source, string marker)
    {
        var index = source.IndexOf(marker, System.StringComparison.Ordinal);
        Assert.True(index >= 0, "marker missing");
        return SourceText.From(source).Lines.GetLinePosition(index + marker.Length);
    }
}
