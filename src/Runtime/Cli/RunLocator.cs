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
            if (runName.IndexOfAny(['/', '\\']) >= 0 || runName is "." or "..")
            {
                throw new UsageException($"BenchmarkRun: '{runName}' is not a run folder name.");
            }

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

    private static string Describe(string root)
    {
        var names = new DirectoryInfo(root).GetDirectories().Select(d => d.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }
}
