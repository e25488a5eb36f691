using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace PodBench.Runtime.Tests.Architecture;

/// <summary>One project of src/: its name and what it references (project names, packages, frameworks).</summary>
public sealed record ProjectNode(string Name, IReadOnlyList<string> Projects, IReadOnlyList<string> Packages, IReadOnlyList<string> Frameworks)
{
    /// <summary>Reads a project file; a project reference is named by its file name without extension.</summary>
    public static ProjectNode Load(string path)
    {
        var xml = XDocument.Load(path);
        List<string> Includes(string item) => [.. xml.Descendants(item).Select(e => (string?)e.Attribute("Include") ?? "").Where(i => i.Length > 0)];
        return new ProjectNode(
            Path.GetFileNameWithoutExtension(path),
            [.. Includes("ProjectReference").Select(i => Path.GetFileNameWithoutExtension(i.Replace('\\', '/')))],
            Includes("PackageReference"),
            Includes("FrameworkReference"));
    }
}

/// <summary>
/// The allowed shape of src/ (docs/architecture.md): which project may reference which, and which project alone may
/// reference a heavy package or framework. <see cref="Violations"/> lists every breach, and every cycle.
/// </summary>
public static class ProjectGraph
{
    /// <summary>Projects each project may reference (the pipeline: Contracts &lt;- Engine &lt;- Analysis, Cluster &lt;- Runner).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedProjects = new Dictionary<string, string[]>
    {
        ["Dsl"] = [],
        ["Generators"] = [],
        ["Contracts"] = [],
        ["Engine"] = ["Contracts", "Dsl"],
        ["Simulator"] = ["Dsl"],
        ["Analysis"] = ["Engine"],
        ["Cluster"] = ["Engine"],
        ["Runner"] = ["Contracts", "Engine", "Simulator", "Analysis", "Cluster"],
        ["Build"] = ["Contracts"],
        ["Templates"] = [],
    };

    /// <summary>Packages and frameworks only these projects may reference.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Owners = new Dictionary<string, string[]>
    {
        ["Microsoft.AspNetCore.App"] = ["Simulator"],
        ["DuckDB.NET.Data.Full"] = ["Engine"],
        ["Microsoft.Data.Sqlite"] = ["Engine"],
        ["Scriban.Signed"] = ["Analysis"],
        ["KubernetesClient"] = ["Cluster"],
    };

    /// <summary>The package project ships every assembly and declares the runtime's packages again: it is no layer.</summary>
    public const string Package = "Package";

    /// <summary>Every breach of the rules by <paramref name="projects"/>, in words; empty when there is none.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<ProjectNode> projects)
    {
        var problems = new List<string>();
        foreach (var p in projects.Where(p => p.Name != Package))
        {
            if (!AllowedProjects.TryGetValue(p.Name, out var allowed))
            {
                problems.Add($"{p.Name}: not in the architecture (add it to docs/architecture.md and to ProjectGraph.AllowedProjects)");
                continue;
            }

            problems.AddRange(p.Projects.Where(r => !allowed.Contains(r)).Select(r => $"{p.Name} references {r}; it may reference only: {string.Join(", ", allowed)}"));
            if (p.Name is "Contracts" or "Build")
            {
                problems.AddRange(p.Packages.Where(k => !k.StartsWith("Microsoft.Build", StringComparison.Ordinal)).Select(k => $"{p.Name} references the package {k}; it may reference none but MSBuild's"));
                problems.AddRange(p.Frameworks.Select(f => $"{p.Name} references the framework {f}"));
            }

            foreach (var reference in p.Packages.Concat(p.Frameworks))
            {
                if (Owners.TryGetValue(reference, out var owners) && !owners.Contains(p.Name))
                {
                    problems.Add($"{p.Name} references {reference}; only {string.Join(", ", owners)} may");
                }
            }
        }

        problems.AddRange(Cycles(projects));
        return problems;
    }

    private static IEnumerable<string> Cycles(IReadOnlyList<ProjectNode> projects)
    {
        var byName = projects.ToDictionary(p => p.Name);
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        var found = new List<string>();

        void Visit(string name)
        {
            state[name] = 1;
            path.Add(name);
            foreach (var next in byName.TryGetValue(name, out var p) ? p.Projects : [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    found.Add("cycle: " + string.Join(" -> ", path.Skip(path.IndexOf(next)).Append(next)));
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[name] = 2;
        }

        foreach (var p in projects)
        {
            if (state.GetValueOrDefault(p.Name) == 0)
            {
                Visit(p.Name);
            }
        }

        return found;
    }
}
