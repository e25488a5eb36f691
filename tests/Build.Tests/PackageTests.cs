using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>
/// The packed PodBench as a user meets it (issue 17): the package's layout, a plan made by <c>dotnet new podbench</c>
/// outside the repository that runs and merges against the simulator and writes its manifests, and the Dockerfile's
/// install step. One pack and one templated plan are shared by the tests of this class (<see cref="PackagedPlan"/>).
/// </summary>
public sealed class PackageTests : IClassFixture<PackagedPlan>
{
    private readonly PackagedPlan _plan;

    public PackageTests(PackagedPlan plan) => _plan = plan;

    [Fact]
    public void The_package_carries_the_DSL_the_runtime_the_generator_the_tasks_and_the_build_files()
    {
        Assert.True(File.Exists(_plan.PackageFile), _plan.Log);
        using var zip = ZipFile.OpenRead(_plan.PackageFile);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
        {
            "README.md",
            "lib/net10.0/PodBench.Dsl.dll", "lib/net10.0/PodBench.Dsl.xml", "lib/net10.0/PodBench.Runtime.dll",
            "lib/net10.0/PodBench.Contracts.dll", "lib/net10.0/PodBench.Engine.dll", "lib/net10.0/PodBench.Simulator.dll",
            "lib/net10.0/PodBench.Analysis.dll", "lib/net10.0/PodBench.Cluster.dll", "lib/net10.0/PodBench.Engine.xml",
            "analyzers/dotnet/cs/PodBench.Generators.dll",
            "tasks/net10.0/PodBench.Build.dll", "tasks/net10.0/PodBench.Build.deps.json", "tasks/net10.0/PodBench.Contracts.dll",
            "build/PodBench.props", "build/PodBench.targets", "buildTransitive/PodBench.props", "buildTransitive/PodBench.targets",
        })
        {
            Assert.True(entries.Contains(expected), expected + " is not in the package: " + string.Join(", ", entries));
        }

        // The tasks load no native library (the merge runs in the runner); the package carries none.
        Assert.DoesNotContain(entries, e => e.Contains("/runtimes/", StringComparison.Ordinal) || e.EndsWith(".so", StringComparison.Ordinal));
        // The tasks folder is the tasks and the contracts, nothing of the runtime (issue 17).
        Assert.Equal(
            ["PodBench.Build.deps.json", "PodBench.Build.dll", "PodBench.Build.pdb", "PodBench.Contracts.dll", "PodBench.Contracts.pdb"],
            entries.Where(e => e.StartsWith("tasks/net10.0/", StringComparison.Ordinal)).Select(e => e["tasks/net10.0/".Length..]).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("PodBench.Build", StringComparison.Ordinal));
    }

    [Fact]
    public void The_package_depends_on_every_package_the_runtime_references_and_on_ASP_NET_Core()
    {
        Assert.True(File.Exists(_plan.PackageFile), _plan.Log);
        var nuspec = Nuspec();
        var ns = nuspec.Root!.Name.Namespace;
        var dependencies = nuspec.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToHashSet(StringComparer.Ordinal);
        var runtimePackages = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "Runtime"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(f => XDocument.Load(f).Descendants("PackageReference")).Select(p => (string)p.Attribute("Include")!).ToList();
        Assert.NotEmpty(runtimePackages);
        foreach (var package in runtimePackages)
        {
            Assert.Contains(package, dependencies);
        }

        Assert.Contains(nuspec.Descendants(ns + "frameworkReference"), f => (string?)f.Attribute("name") == "Microsoft.AspNetCore.App");
        Assert.Equal(_plan.Version, nuspec.Descendants(ns + "version").Single().Value);
        Assert.Equal("README.md", nuspec.Descendants(ns + "readme").Single().Value);
    }

    [Fact]
    public void Packing_the_same_commit_twice_gives_the_same_bytes()
    {
        Assert.True(File.Exists(_plan.RepackedFile), _plan.Log);
        Assert.Equal(File.ReadAllBytes(_plan.PackageFile), File.ReadAllBytes(_plan.RepackedFile));
    }

    [Fact]
    public void The_build_files_in_the_package_are_the_ones_the_examples_import()
    {
        Assert.True(File.Exists(_plan.PackageFile), _plan.Log);
        using var zip = ZipFile.OpenRead(_plan.PackageFile);
        foreach (var name in new[] { "PodBench.props", "PodBench.targets" })
        {
            using var reader = new StreamReader(zip.GetEntry("build/" + name)!.Open());
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Build", "build", name)), reader.ReadToEnd());
        }

        var examples = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "Directory.Build.props"))
            + File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "Directory.Build.targets"));
        Assert.Contains("src/Build/build/PodBench.props", examples, StringComparison.Ordinal);
        Assert.Contains("src/Build/build/PodBench.targets", examples, StringComparison.Ordinal);
        Assert.DoesNotContain("GetPathOfFileAbove('Directory.Build.props'", examples, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_makes_a_plan_project_outside_the_repository_on_the_packed_version()
    {
        Assert.True(File.Exists(Path.Combine(_plan.ProjectDirectory, "MyBench.csproj")), _plan.Log);
        for (var dir = new DirectoryInfo(_plan.ProjectDirectory); dir is not null; dir = dir.Parent)
        {
            Assert.Empty(dir.GetFiles("Directory.Build.*"));
        }

        var project = File.ReadAllText(Path.Combine(_plan.ProjectDirectory, "MyBench.csproj"));
        Assert.Contains($"<PackageReference Include=\"PodBench\" Version=\"{_plan.Version}\" />", project, StringComparison.Ordinal);
        Assert.Contains("namespace MyBench;", File.ReadAllText(Path.Combine(_plan.ProjectDirectory, "BenchPlan.cs")), StringComparison.Ordinal);
        var ignore = File.ReadAllLines(Path.Combine(_plan.ProjectDirectory, ".gitignore"));
        Assert.Contains("outputs/", ignore);
        Assert.Contains("k8s/", ignore);
        Assert.True(File.Exists(Path.Combine(_plan.ProjectDirectory, "README.md")));
        var workflow = File.ReadAllText(Path.Combine(_plan.ProjectDirectory, ".github", "workflows", "benchmark.yml"));
        foreach (var expected in new[] { "-t:RunBenchmark", "GITHUB_STEP_SUMMARY", "report.md", "report.html", "slo-gates.xml", "PLAN: MyBench" })
        {
            Assert.Contains(expected, workflow, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_plan_gets_the_package_props_and_none_of_the_repository_rules()
    {
        Assert.True(_plan.Properties.Count > 0, _plan.Log);
        Assert.Equal("true", _plan.Properties["ServerGarbageCollection"]);
        Assert.Equal("true", _plan.Properties["InvariantGlobalization"]);
        Assert.NotEqual("true", _plan.Properties["GenerateDocumentationFile"]);
    }

    [Fact]
    public void RunBenchmark_runs_both_pods_from_the_package_and_merges_every_request()
    {
        var merged = Path.Combine(_plan.RunDirectory, "performances", "merge_results");
        Assert.True(File.Exists(Path.Combine(merged, "merged.json")), _plan.Log);
        Assert.True(Directory.Exists(Path.Combine(_plan.Root, "packages", "podbench", _plan.Version)), "PodBench was not restored from the feed\n" + _plan.Log);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, "merged.json")));
        Assert.Equal(30, json.RootElement.GetProperty("Total Requests").GetProperty("total").GetInt32());
        Assert.Equal(30, json.RootElement.GetProperty("Success Requests").GetProperty("total").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("Failed Requests").GetProperty("total").GetInt32());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, "merge_summary.json")));
        Assert.Equal([0, 1], summary.RootElement.GetProperty("merged_pods").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(30, File.ReadAllLines(Path.Combine(merged, "merged_details.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(_plan.RunDirectory, "report.md")));
        Assert.True(File.Exists(Path.Combine(_plan.RunDirectory, "report.html")));
    }

    [Fact]
    public void KubernetesManifests_writes_one_indexed_job_pod_per_plan_pod_on_the_given_image()
    {
        var pods = Path.Combine(_plan.ManifestsDirectory, "02-pods.yaml");
        Assert.True(File.Exists(pods), _plan.Log);
        var yaml = File.ReadAllText(pods);
        Assert.Contains("completions: 2", yaml, StringComparison.Ordinal);
        Assert.Contains("registry.example.com/bench/mybench:1.0", yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_plan.ManifestsDirectory, "03-merge.yaml")));
    }

    [Fact]
    public void The_Dockerfile_installs_the_package_from_the_packed_feed_into_the_plan_folder_alone()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "Dockerfile"));
        Assert.DoesNotContain("COPY . ", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY artifacts/packages/ /feed/", dockerfile, StringComparison.Ordinal);
        Assert.Contains("RestoreAdditionalProjectSources=/feed", dockerfile, StringComparison.Ordinal);
        Assert.Contains("sh /deploy/add-podbench.sh /plan /feed", dockerfile, StringComparison.Ordinal);
        Assert.Contains("!artifacts/packages/", File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "Dockerfile.dockerignore")), StringComparison.Ordinal);

        // The install step on a copy of the example, with the feed of this test in place of /feed.
        Assert.True(File.Exists(_plan.PackageFile), _plan.Log);
        var plan = Path.Combine(_plan.Root, "docker-plan");
        Directory.CreateDirectory(plan);
        foreach (var file in new[] { "MultiPod.csproj", "MultiPodPlan.cs" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, "examples", "MultiPod", file), Path.Combine(plan, file));
        }

        var added = ChildSh(Path.Combine(RepoPaths.Root, "deploy", "add-podbench.sh"), plan, _plan.Feed);
        Assert.True(added.ExitCode == 0, added.Output);
        Assert.Contains($"<PackageReference Include=\"PodBench\" Version=\"{_plan.Version}\" />", File.ReadAllText(Path.Combine(plan, "MultiPod.csproj")), StringComparison.Ordinal);
        var (exitCode, output) = DotnetCli.Run(["restore", plan, "-nologo", $"-p:RestoreAdditionalProjectSources={_plan.Feed}"], _plan.Root, timeoutMinutes: 5);
        Assert.True(exitCode == 0, output);
    }

    private static (int ExitCode, string Output) ChildSh(string script, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, stdout + stderr.Result);
    }

    private XDocument Nuspec()
    {
        using var zip = ZipFile.OpenRead(_plan.PackageFile);
        using var stream = zip.GetEntry("PodBench.nuspec")!.Open();
        return XDocument.Load(stream);
    }
}
