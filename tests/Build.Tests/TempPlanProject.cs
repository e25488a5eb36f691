using System;
using System.IO;

namespace PodBench.Build.Tests;

/// <summary>
/// A plan project written for one test under <c>examples/</c> (so the repository's props and targets apply, as for the
/// examples): a console project and one plan source file. Disposing it deletes the folder.
/// </summary>
internal sealed class TempPlanProject : IDisposable
{
    private const string ProjectXml = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>";

    /// <summary>Writes <c>examples/.&lt;prefix&gt;-&lt;id&gt;/&lt;name&gt;.csproj</c> and <c>&lt;planFile&gt;</c> holding <paramref name="planSource"/>.</summary>
    public TempPlanProject(string prefix, string name, string planFile, string planSource)
    {
        Folder = Path.Combine(RepoPaths.Root, "examples", "." + prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
        ProjectFile = Path.Combine(Folder, name + ".csproj");
        Runner = Path.Combine(Folder, "bin", "Debug", "net10.0", name + ".dll");
        File.WriteAllText(ProjectFile, ProjectXml);
        File.WriteAllText(Path.Combine(Folder, planFile), planSource);
    }

    /// <summary>The project's folder.</summary>
    public string Folder { get; }

    /// <summary>The <c>.csproj</c>.</summary>
    public string ProjectFile { get; }

    /// <summary>The built runner (Debug).</summary>
    public string Runner { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
