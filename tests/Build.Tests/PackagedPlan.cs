using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace PodBench.Build.Tests;

/// <summary>
/// What a user does, once for the tests that share it: pack PodBench and its template into a folder feed, install
/// the template into a private hive, create a plan with <c>dotnet new podbench</c> in a temporary folder outside the
/// repository (a NuGet.config there lists the feed and the machine's sources), run it with <c>-t:RunBenchmark</c>
/// against the simulator and write its manifests with <c>-t:KubernetesManifests</c>. A failed step stops the rest;
/// <see cref="Log"/> holds every command and its output.
/// </summary>
public sealed class PackagedPlan : IDisposable
{
    /// <summary>The run name the tests read back.</summary>
    public const string RunName = "packaged";

    private readonly StringBuilder _log = new();

    public PackagedPlan()
    {
        Root = Path.Combine(Path.GetTempPath(), "podbench-package-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        ProjectDirectory = Path.Combine(Root, "MyBench");
        OutputRoot = Path.Combine(Root, "outputs");
        ManifestsDirectory = Path.Combine(Root, "k8s");
        Directory.CreateDirectory(Feed);
        Succeeded = Steps();
    }

    public string Root { get; }

    public string Feed { get; }

    public string ProjectDirectory { get; }

    public string OutputRoot { get; }

    public string ManifestsDirectory { get; }

    public string RunDirectory => Path.Combine(OutputRoot, RunName);

    /// <summary>The PodBench package as packed first.</summary>
    public string PackageFile { get; private set; } = "";

    /// <summary>The same project packed a second time, into another folder.</summary>
    public string RepackedFile { get; private set; } = "";

    public string TemplatesFile { get; private set; } = "";

    /// <summary>The packed version (MinVer), from the package's file name.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Evaluated properties of the templated plan project, <c>name=value</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; private set; } = new Dictionary<string, string>();

    public bool Succeeded { get; }

    public string Log => _log.ToString();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; the test result does not depend on it.
        }
    }

    private bool Steps()
    {
        var repo = RepoPaths.Root;
        if (!Run(["pack", Path.Combine(repo, "src", "Package"), "-c", "Debug", "-o", Feed, "-nologo", "-v:q"], repo)
            || !Run(["pack", Path.Combine(repo, "src", "Templates"), "-c", "Debug", "-o", Feed, "-nologo", "-v:q"], repo))
        {
            return false;
        }

        PackageFile = Directory.GetFiles(Feed, "PodBench.*.nupkg").Single(f => !Path.GetFileName(f).StartsWith("PodBench.Templates.", StringComparison.Ordinal));
        TemplatesFile = Directory.GetFiles(Feed, "PodBench.Templates.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(PackageFile)["PodBench.".Length..];
        var again = Path.Combine(Root, "feed-again");
        if (!Run(["pack", Path.Combine(repo, "src", "Package"), "-c", "Debug", "--no-build", "-o", again, "-nologo", "-v:q"], repo))
        {
            return false;
        }

        RepackedFile = Path.Combine(again, Path.GetFileName(PackageFile));
        WriteNuGetConfig(repo);
        var hive = Path.Combine(Root, "template-hive");
        if (!Run(["new", "install", TemplatesFile, "--debug:custom-hive", hive], Root)
            || !Run(["new", "podbench", "-n", "MyBench", "-o", ProjectDirectory, "--debug:custom-hive", hive], Root))
        {
            return false;
        }

        if (!Run(["build", ProjectDirectory, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={OutputRoot}", $"-p:BenchmarkRun={RunName}"], Root)
            || !Run(["build", ProjectDirectory, "-t:KubernetesManifests", "-nologo", "-p:BenchmarkImage=registry.example.com/bench/mybench:1.0", $"-p:BenchmarkRun={RunName}", $"-p:BenchmarkManifests={ManifestsDirectory}"], Root))
        {
            return false;
        }

        // After a restore, so the package's props are imported (NuGet's generated obj/*.nuget.g.props).
        var (code, output) = Execute(["msbuild", ProjectDirectory, "-nologo", "-getProperty:GenerateDocumentationFile", "-getProperty:ServerGarbageCollection", "-getProperty:InvariantGlobalization"], Root);
        if (code != 0)
        {
            return false;
        }

        Properties = ParseProperties(output);
        return true;
    }

    /// <summary>
    /// The feed first, then the sources this machine restores from (a mirror where there is one); packages go to a
    /// folder of the test's own, so a package packed from other sources under the same version is never reused, and
    /// the machine's package folder serves the dependencies it already holds without a download.
    /// </summary>
    private void WriteNuGetConfig(string repo)
    {
        var (_, sources) = Execute(["nuget", "list", "source", "--format", "Short"], repo);
        var (_, locals) = Execute(["nuget", "locals", "global-packages", "--list"], repo);
        var machinePackages = locals.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("global-packages:", StringComparison.Ordinal))?["global-packages:".Length..].Trim();
        var config = new StringBuilder();
        config.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        config.AppendLine("<configuration>");
        config.AppendLine($"  <config><add key=\"globalPackagesFolder\" value=\"{Path.Combine(Root, "packages")}\" /></config>");
        config.AppendLine("  <packageSources>");
        config.AppendLine("    <clear />");
        config.AppendLine($"    <add key=\"podbench-local\" value=\"{Feed}\" />");
        var index = 0;
        foreach (var line in sources.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("E ", StringComparison.Ordinal)))
        {
            config.AppendLine($"    <add key=\"machine-{index++}\" value=\"{line[2..].Trim()}\" />");
        }

        config.AppendLine("  </packageSources>");
        if (!string.IsNullOrEmpty(machinePackages))
        {
            config.AppendLine($"  <fallbackPackageFolders><add key=\"machine\" value=\"{machinePackages}\" /></fallbackPackageFolders>");
        }

        config.AppendLine("</configuration>");
        File.WriteAllText(Path.Combine(Root, "NuGet.config"), config.ToString());
        _log.AppendLine("NuGet.config:").AppendLine(config.ToString());
    }

    private static Dictionary<string, string> ParseProperties(string output)
    {
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    private bool Run(IReadOnlyList<string> arguments, string directory) => Execute(arguments, directory).ExitCode == 0;

    private (int ExitCode, string Output) Execute(IReadOnlyList<string> arguments, string directory)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (exitCode, output) = DotnetCli.Run(arguments, directory, timeoutMinutes: 5);
        _log.AppendLine($"$ dotnet {string.Join(' ', arguments)}  (exit {exitCode}, {watch.Elapsed.TotalSeconds:F1} s)").AppendLine(output);
        return (exitCode, output);
    }
}
