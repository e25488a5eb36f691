using System;
using System.Collections.Generic;
using System.IO;
using PodBench.Runtime.Cluster;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>
/// What can be checked of deploy/Dockerfile without Docker: its publish step (deploy/publish.sh, the same script the
/// Dockerfile runs) turns a small plan into a framework-dependent runner that runs without the SDK.
/// </summary>
public sealed class PublishedRunnerTests : IDisposable
{
    private const string PlanSource = """
        using System.Collections.Generic;
        using PodBench.Dsl;

        namespace ClusterPublish;

        [BenchmarkPlan]
        public sealed class TwoPodPlan : BenchmarkPlan
        {
            private static readonly ModelEndpoint One = ModelEndpoint.StreamChat("cluster-model-one") with { Model = "m", Concurrency = 2 };
            private static readonly ModelEndpoint Two = One with { Abbr = "cluster-model-two" };
            private static readonly SyntheticDataset Data = new("cluster-data") { RequestCount = 4, Input = Length.Uniform(10, 10), Output = Length.Uniform(5, 5) };

            public override IReadOnlyList<ModelEndpoint> Models => [One, Two];

            public override IReadOnlyList<Dataset> Datasets => [Data];

            public override IReadOnlyList<PodGroup> Pods => [new(One, Data), new(Two, Data)];
        }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-publish-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    internal static string RepositoryRoot()
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

    /// <summary>The folder of the dotnet host running this test, for apphosts started from it.</summary>
    internal static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    [Fact]
    public void Publish_step_of_the_image_yields_a_runner_that_lists_the_plan()
    {
        var repo = RepositoryRoot();
        var project = Path.Combine(_dir, "plan", "ClusterPublish.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(Path.Combine(_dir, "plan", "TwoPodPlan.cs"), PlanSource);
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
                <ProjectReference Include="{repo}/src/Runtime/Runtime.csproj" />
                <ProjectReference Include="{repo}/src/Generators/Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        var app = Path.Combine(_dir, "app");

        var publish = ChildProcess.Run("sh", [Path.Combine(repo, "deploy", "publish.sh"), project, app], repo, TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, publish.Output);

        // Framework-dependent for one RID: the apphost, the link the image's ENTRYPOINT uses, DuckDB's native library
        // for this platform only, and no runtime of its own.
        Assert.True(File.Exists(Path.Combine(app, "ClusterPublish")), publish.Output);
        Assert.True(File.Exists(Path.Combine(app, "runner")));
        Assert.True(File.Exists(Path.Combine(app, "libduckdb.so")));
        Assert.False(Directory.Exists(Path.Combine(app, "runtimes")));
        Assert.False(File.Exists(Path.Combine(app, "System.Private.CoreLib.dll")));

        var list = ChildProcess.Run(Path.Combine(app, "runner"), ["list"], _dir, TimeSpan.FromMinutes(2), new Dictionary<string, string?>
        {
            ["DOTNET_ROOT"] = DotnetRoot(),
            [ClusterEnvironment.CompletionIndex] = null,
        });
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains("cluster-model-one", list.Output, StringComparison.Ordinal);
        Assert.Contains("cluster-model-two", list.Output, StringComparison.Ordinal);
    }
}
