using System;
using System.Globalization;
using System.IO;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Merge.Reference;

namespace PodBench.Runtime.Cli;

/// <summary>
/// <c>BenchmarkImport</c> / <c>merge --import</c>: imports reference-tool pod folders into a new run folder under the
/// output root, which the normal merge then merges. Shared by the MSBuild <c>MergeRun</c> task and the merge verb.
/// </summary>
public static class ReferenceImportRun
{
    /// <summary>
    /// Imports <paramref name="folders"/> (separated by <c>;</c>) into <paramref name="outputRoot"/>/<paramref name="runName"/>
    /// (a new folder; without a name <c>import_&lt;UTC yyyyMMdd_HHmmss&gt;</c>) and returns that run folder.
    /// Errors are <see cref="UsageException"/>s naming the folder, file and line.
    /// </summary>
    public static string Stage(string outputRoot, string? runName, string folders, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var root = Path.GetFullPath(outputRoot);
        if (!string.IsNullOrWhiteSpace(runName) && (runName.IndexOfAny(['/', '\\']) >= 0 || runName is "." or ".."))
        {
            throw new UsageException($"BenchmarkRun: '{runName}' is not a run folder name.");
        }

        var runDirectory = Path.Combine(root, string.IsNullOrWhiteSpace(runName) ? FreeName(root) : runName);
        try
        {
            log.WriteLine($"importing reference pod folders into {runDirectory}");
            ReferenceImport.Stage(ReferenceImport.ParseFolders(folders), runDirectory, log);
        }
        catch (MergeException e)
        {
            throw new UsageException("BenchmarkImport: " + e.Message);
        }

        return runDirectory;
    }

    private static string FreeName(string root)
    {
        var name = "import_" + DateTime.UtcNow.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var candidate = name;
        for (var i = 2; Directory.Exists(Path.Combine(root, candidate)); i++)
        {
            candidate = name + "_" + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
