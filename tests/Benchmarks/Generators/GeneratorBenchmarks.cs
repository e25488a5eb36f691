using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PodBench.Dsl;
using PodBench.Generators;

namespace PodBench.Benchmarks.Generators;

/// <summary>
/// The plan generator on a project of 50 plan files: a full run (fresh compilation, as a clean build) and an
/// incremental run after one plan file is edited (as the IDE and a rebuild see it). <see cref="Plans"/> of the 50
/// files carry <c>[BenchmarkPlan]</c> (with 50, all are parsed and checked and PB0004 stops the emission; with 1,
/// the entry point is emitted).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class GeneratorBenchmarks
{
    private const int Files = 50;
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedA = null!;
    private CSharpCompilation _editedB = null!;
    private GeneratorDriver _driver = null!;
    private bool _toggle;

    /// <summary>How many of the 50 files are marked <c>[BenchmarkPlan]</c>.</summary>
    [Params(1, 50)]
    public int Plans { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var trees = Enumerable.Range(0, Files).Select(i => CSharpSyntaxTree.ParseText(PlanSource(i, i < Plans, 10), Parse, $"Plan{i}.cs")).ToArray();
        _compilation = CSharpCompilation.Create("Plans", trees, References(), new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var edited = trees[Files / 2];
        _editedA = _compilation.ReplaceSyntaxTree(edited, CSharpSyntaxTree.ParseText(PlanSource(Files / 2, Files / 2 < Plans, 11), Parse, edited.FilePath));
        _editedB = _compilation.ReplaceSyntaxTree(edited, CSharpSyntaxTree.ParseText(PlanSource(Files / 2, Files / 2 < Plans, 12), Parse, edited.FilePath));
        foreach (var compilation in new[] { _compilation, _editedA, _editedB })
        {
            compilation.GetDeclarationDiagnostics();
        }

        _driver = CreateDriver().RunGenerators(_compilation);
    }

    /// <summary>
    /// A clean build, cold: a new driver on a fresh copy of the compilation, so the run also pays for binding the
    /// references and declarations (work the compiler does anyway): an upper bound.
    /// </summary>
    [Benchmark]
    public GeneratorDriver FullRunCold() => CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>A clean build of the generator alone: a new driver on a compilation whose declarations are bound.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => CreateDriver().RunGenerators(_compilation);

    /// <summary>One plan file edited since the last run (a number changes), the driver's cache reused.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalEdit()
    {
        _toggle = !_toggle;
        _driver = _driver.RunGenerators(_toggle ? _editedA : _editedB);
        return _driver;
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new PlanGenerator().AsSourceGenerator()], parseOptions: Parse);

    private static MetadataReference[] References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Append(typeof(BenchmarkPlan).Assembly.Location)
            .DistinctBy(Path.GetFileName)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();

    private static string PlanSource(int i, bool marked, int requests) => $$"""
        using System.Collections.Generic;
        using PodBench.Dsl;

        namespace Bench.P{{i}};

        {{(marked ? "[BenchmarkPlan]" : "")}}
        public sealed class Plan{{i}} : BenchmarkPlan
        {
            private static readonly ModelEndpoint Test1 = ModelEndpoint.StreamChat("model-{{i}}-a") with
            {
                Model = "qwen",
                Concurrency = 100,
                MaxOutLen = 512,
                Generation = GenerationArgs.Empty.WithIgnoreEos(),
            };

            private static readonly ModelEndpoint Test2 = Test1 with { Abbr = "model-{{i}}-b" };

            private static readonly SyntheticDataset Data1 = new("data-{{i}}-a")
            {
                RequestCount = {{requests}},
                Input = Length.Uniform(100, 100),
                Output = Length.Uniform(100, 200),
            };

            private static readonly SyntheticDataset Data2 = Data1.WithRequestCount(20) with { Abbr = "data-{{i}}-b", Input = Length.Zipf(1.5, 1, 400) };

            public override IReadOnlyList<ModelEndpoint> Models => [Test1, Test2];

            public override IReadOnlyList<Dataset> Datasets => [Data1, Data2];

            public override IReadOnlyList<PodGroup> Pods => [new(Test1, Data1), new PodGroup([Test2], [Data1, Data2]).WithReplicas(2)];

            public override SummaryOptions Summary => SummaryOptions.Default.WithStatistics(Statistic.Average, Statistic.P(95), Statistic.P99);
        }
        """;
}

/// <summary>
/// In-process runs: BenchmarkDotNet's default toolchain looks for a project named after the assembly
/// (PodBench.Benchmarks.csproj), which this repository does not have.
/// </summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(15));
}
