using System;
using System.IO;
using System.Linq;

namespace PodBench.Runtime.Cli;

/// <summary>Finds a run folder: the named one, else the newest under the output root, with plain errors.</summary>
public static class RunLocator
{
    /// <summary>
    /// Resolves <paramref name="outputRoot"/>/<paramref name="runName"/>, or the newest run folder (by name, which is a
    /// timestamp, then by time) when no name is given.
    /// </summary>
    public static string Resolve(string outputRoot, string? runName)
    {
        var root = Path.GetFullPath(outputRoot);
        if (!Directory.Exists(root))
        {
            throw new UsageException($"The output folder {root} does not exist: no benchmark has run here, or this is the wrong folder. Run `dotnet build <plan project> -t:RunBenchmark` first, or set BenchmarkOutput.");
        }

        if (!string.IsNullOrWhiteSpace(runName))
        {
            CheckRunName(runName, "BenchmarkRun");
            var named = Path.Combine(root, runName);
            if (!Directory.Exists(named))
            {
                throw new UsageException($"The run folder {named} does not exist. Runs under {root}: {Describe(root)}.");
            }

            return named;
        }

        var newest = new DirectoryInfo(root).GetDirectories()
            .OrderByDescending(d => d.Name, StringComparer.Ordinal)
            .ThenByDescending(d => d.LastWriteTimeUtc)
            .FirstOrDefault();
        return newest?.FullName ?? throw new UsageException($"The output folder {root} holds no run yet. Run `dotnet build <plan project> -t:RunBenchmark` first.");
    }

    /// <summary>
    /// Throws <see cref="UsageException"/> naming <paramref name="setting"/> unless <paramref name="runName"/> is one
    /// folder name (no separator, not <c>.</c> or <c>..</c>, no control character); checked before anything runs.
    /// </summary>
    public static string CheckRunName(string runName, string setting)
    {
        ArgumentNullException.ThrowIfNull(runName);
        if (runName.Trim().Length == 0 || runName.IndexOfAny(['/', '\\']) >= 0 || runName is "." or ".." || runName.Any(char.IsControl)
            || runName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new UsageException($"{setting}: '{runName}' is not a run folder name (one folder name: no '/' or '\\', not '.' or '..'); nothing was run and no folder was created.");
        }

        return runName;
    }

    private static string Describe(string root)
    {
        var names = new DirectoryInfo(root).GetDirectories().Select(d => d.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }
}
