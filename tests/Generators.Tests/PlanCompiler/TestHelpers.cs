using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PodBench.Dsl;
using PodBench.Runtime.Planning;

namespace PodBench.Generators.Tests.PlanCompiler;

/// <summary>Builds plan compilations and runs the generator on them the way the compiler does.</summary>
internal static class TestHelpers
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>
    /// The repository root: the folder holding <c>Dsl.sln</c> above the test's output folder. Not the source file's
    /// path: a CI build (<c>CI=true</c>) maps source paths to <c>/_/</c>, so <c>[CallerFilePath]</c> names no real folder.
    /// </summary>
    public static string RepositoryRoot() => Root.Value;

    public static CSharpCompilation Compile(OutputKind kind, params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "PlanProject",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

    public static CSharpCompilation Compile(params (string Path, string Text)[] sources) => Compile(OutputKind.ConsoleApplication, sources);

    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new PlanGenerator().AsSourceGenerator()],
            additionalTexts: [],
            parseOptions: ParseOptions,
            optionsProvider: new TestOptionsProvider(properties ?? new Dictionary<string, string> { ["build_property.OutputType"] = "Exe" }),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics);
    }

    public static GeneratorRun Run(string planSource, OutputKind kind = OutputKind.ConsoleApplication) =>
        Run(Compile(kind, ("Plan.cs", planSource)));

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dsl.sln not found above " + AppContext.BaseDirectory);
    }

    private static MetadataReference[] LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Concat([typeof(BenchmarkPlan).Assembly.Location, typeof(GeneratedPlan).Assembly.Location])
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}
