using System;
using System.Collections.Generic;
using System.IO;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>
/// A small three-pod plan published once with deploy/publish.sh, the script the image's build stage runs: a
/// framework-dependent runner that runs without the SDK, as in a cluster pod.
/// </summary>
public class PublishedPlan : IDisposable
{
    public const string AssemblyName = "ClusterPublish";

    private const string PlanSource = """
        using System.Collections.Generic;
        using PodBench.Dsl;

        namespace ClusterPublish;

        [BenchmarkPlan]
        public sealed class ThreePodPlan : BenchmarkPlan
        {
            private static readonly ModelEndpoint One = ModelEndpoint.StreamChat("cluster-model-one") with
            {
                Model = "qwen",
                Concurrency = 4,
                Generation = GenerationArgs.Empty.WithIgnoreEos(),
            };

            private static readonly ModelEndpoint Two = One with { Abbr = "cluster-model-two", Concurrency = 1 };

            private static readonly ModelEndpoint Three = One with { Abbr = "cluster-model-three" };

            private static readonly SyntheticDataset Small = new("cluster-small") { RequestCount = 4, Input = Length.Uniform(10, 10), Output = Length.Uniform(40, 40) };

            private static readonly SyntheticDataset Long = new("cluster-long") { RequestCount = 12, Input = Length.Uniform(10, 10), Output = Length.Uniform(40, 40) };

            public override IReadOnlyList<ModelEndpoint> Models => [One, Two, Three];

            public override IReadOnlyList<Dataset> Datasets => [Small, Long];

            public override IReadOnlyList<PodGroup> Pods => [new(One, Small), new(Two, Long), new(Three, Small)];
        }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-publish-" + Guid.NewGuid().ToString("N"));

    public PublishedPlan()
        : this(AssemblyName, PlanSource)
    {
    }

    /// <summary>Publishes the plan <paramref name="source"/> as the assembly <paramref name="assemblyName"/>.</summary>
    protected PublishedPlan(string assemblyName, string source)
    {
        var repo = RepositoryRoot();
        var project = Path.Combine(_dir, "plan", assemblyName + ".csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(Path.Combine(_dir, "plan", "Plan.cs"), source);
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{repo}/src/Generators/PodBench.Generators.props" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{repo}/src/Dsl/Dsl.csproj" />
                <ProjectReference Include="{repo}/src/Runtime/Cli/Runner.csproj" />
                <ProjectReference Include="{repo}/src/Generators/Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        AppDirectory = Path.Combine(_dir, "app");
        Publish = ChildProcess.Run("sh", [Path.Combine(repo, "deploy", "publish.sh"), project, AppDirectory], repo, TimeSpan.FromMinutes(10));
    }

    /// <summary>The publish output folder (the image's /app).</summary>
    public string AppDirectory { get; }

    /// <summary>What publish.sh did.</summary>
    public ChildProcess Publish { get; }

    /// <summary>The runner as the image's ENTRYPOINT starts it.</summary>
    public string Runner => Path.Combine(AppDirectory, "runner");

    /// <summary>A fresh folder for one test.</summary>
    public string NewWorkDirectory()
    {
        var dir = Path.Combine(_dir, "work-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Environment of a runner process: the dotnet host running this test, and no inherited pod or key variables.</summary>
    public static Dictionary<string, string?> Environment(IDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..")),
            ["JOB_COMPLETION_INDEX"] = null,
            ["BENCHMARK_API_KEY"] = null,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        return env;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dsl.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
