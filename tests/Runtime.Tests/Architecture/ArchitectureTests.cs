using System;
using System.IO;
using System.Linq;
using Xunit;

namespace PodBench.Runtime.Tests.Architecture;

/// <summary>
/// The assemblies along the pipeline (issue 17, docs/architecture.md): the project references of src/, the direction
/// of the folders inside an assembly, and the embedded SQL and templates under the names their code looks up.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string Src = Path.Combine(RepoRoot(), "src");

    [Fact]
    public void Every_project_of_src_references_only_what_the_pipeline_allows()
    {
        var projects = Directory.GetFiles(Src, "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(ProjectNode.Load)
            .ToList();
        Assert.Contains(projects, p => p.Name == "Contracts");
        Assert.Contains(projects, p => p.Name == "Runner");
        Assert.Empty(ProjectGraph.Violations(projects));
        Assert.Equal(["Contracts"], projects.Single(p => p.Name == "Build").Projects);
    }

    [Fact]
    public void The_project_check_names_a_forbidden_reference_a_heavy_package_and_a_cycle()
    {
        var broken = new[]
        {
            new ProjectNode("Build", ["Contracts", "Engine"], ["Microsoft.Build.Framework"], []),
            new ProjectNode("Contracts", [], ["Scriban.Signed"], []),
            new ProjectNode("Engine", ["Contracts", "Analysis"], ["DuckDB.NET.Data.Full"], ["Microsoft.AspNetCore.App"]),
            new ProjectNode("Analysis", ["Engine"], ["KubernetesClient"], []),
            new ProjectNode("Unknown", [], [], []),
        };

        var problems = ProjectGraph.Violations(broken);

        Assert.Contains("Build references Engine; it may reference only: Contracts", problems);
        Assert.Contains("Contracts references the package Scriban.Signed; it may reference none but MSBuild's", problems);
        Assert.Contains("Engine references Microsoft.AspNetCore.App; only Simulator may", problems);
        Assert.Contains("Analysis references KubernetesClient; only Cluster may", problems);
        Assert.Contains(problems, p => p.StartsWith("cycle: Engine -> Analysis -> Engine", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Unknown: not in the architecture", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("DuckDB", StringComparison.Ordinal));
    }

    [Fact]
    public void No_folder_of_an_assembly_uses_one_downstream_of_it()
    {
        var problems = Directory.GetFiles(Path.Combine(Src, "Runtime"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => NamespaceDirection.Violations(Path.GetRelativePath(Src, f), File.ReadAllText(f)))
            .ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void The_direction_check_finds_a_using_and_a_qualified_name_against_it_and_passes_comments_and_members()
    {
        const string mergeUsingReports = "using PodBench.Runtime.Reports;\nnamespace PodBench.Runtime.Merge;\nclass A { }\n";
        const string metricsNamingMerge = "namespace PodBench.Runtime.Metrics;\nclass A { object B => Merge.RunMerger.MergeFolder; }\n";
        const string harmless = "namespace PodBench.Runtime.Merge;\n// Reports.ReportRenderer reads this\nclass A { string B => options.Reports.Count + \"Reports.X\"; }\n";

        Assert.Equal(["M.cs: Merge uses Reports"], NamespaceDirection.Violations("M.cs", mergeUsingReports));
        Assert.Equal(["S.cs: Metrics uses Merge"], NamespaceDirection.Violations("S.cs", metricsNamingMerge));
        Assert.Empty(NamespaceDirection.Violations("H.cs", harmless));
    }

    [Theory]
    [InlineData(typeof(global::PodBench.Runtime.Results.RecordSql), "Results", "sql")]
    [InlineData(typeof(global::PodBench.Runtime.Metrics.PerfSummary), "Metrics", "sql")]
    [InlineData(typeof(global::PodBench.Runtime.Reports.ReportOptions), "Reports", "sbn")]
    public void Each_embedded_file_keeps_its_resource_name_in_the_assembly_of_its_folder(Type owner, string folder, string extension)
    {
        var assembly = owner.Assembly;
        var files = Directory.GetFiles(Src, "*." + extension, SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == folder && !f.Contains("/obj/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var name = $"PodBench.Runtime.{folder}.{Path.GetFileName(file)}";
            Assert.True(assembly.GetManifestResourceInfo(name) is not null, $"{name} is not embedded in {assembly.GetName().Name}: {string.Join(", ", assembly.GetManifestResourceNames())}");
        }
    }

    [Fact]
    public void The_tasks_assembly_references_no_assembly_of_the_runtime_but_the_contracts()
    {
        var tasks = Path.Combine(Src, "Build", "bin");
        var dll = Directory.Exists(tasks) ? Directory.GetFiles(tasks, "PodBench.Build.dll", SearchOption.AllDirectories).FirstOrDefault() : null;
        Assert.True(dll is not null, "src/Build is not built under " + tasks);
        var references = ReferencedNames(dll!);
        Assert.Contains("PodBench.Contracts", references);
        Assert.DoesNotContain(references, r => r.StartsWith("PodBench.", StringComparison.Ordinal) && r != "PodBench.Contracts");
        Assert.DoesNotContain(references, r => r.StartsWith("DuckDB", StringComparison.Ordinal) || r.StartsWith("Scriban", StringComparison.Ordinal) || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r == "KubernetesClient");
    }

    private static string[] ReferencedNames(string dll)
    {
        using var stream = File.OpenRead(dll);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return [.. md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name))];
    }

    private static string RepoRoot()
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
}
