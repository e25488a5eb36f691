using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Utilities;
using PodBench.Runtime.Cli;

namespace PodBench.Build.Tasks;

/// <summary>
/// Learns the plan's structure from the built runner's <c>list --json</c> verb (no glue written by the user). The
/// answer is kept beside the runner (<c>&lt;runner&gt;.list.json</c>) with a key of the runner folder's assemblies
/// (names, sizes, write times) and the working directory, so a run of an up-to-date plan starts no extra process
/// (about 2 s of wall time and 0.25 s of CPU, docs/performance.md).
/// </summary>
internal static class PlanQuery
{
    public static PlanListing? List(TaskLoggingHelper log, string dotnetHost, string runnerAssembly, string workingDirectory)
    {
        var cache = runnerAssembly + ".list.json";
        var key = Key(runnerAssembly, workingDirectory);
        if (key is not null && Cached(cache, key) is { } listing)
        {
            return listing;
        }

        var (exitCode, output, error) = RunnerProcess.RunToEnd(dotnetHost, runnerAssembly, ["list", "--json"], workingDirectory);
        if (exitCode != 0)
        {
            log.LogError($"The plan could not be read: {runnerAssembly} list --json exited with {exitCode}. {error.Trim()} {output.Trim()}".Trim());
            return null;
        }

        var parsed = PlanListing.Parse(output);
        if (key is not null)
        {
            try
            {
                File.WriteAllText(cache, key + "\n" + output);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // only a cache: the next run asks the runner again
            }
        }

        return parsed;
    }

    private static PlanListing? Cached(string cache, string key)
    {
        try
        {
            var text = File.ReadAllText(cache);
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return newline > 0 && string.Equals(text[..newline], key, StringComparison.Ordinal) ? PlanListing.Parse(text[(newline + 1)..]) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Key(string runnerAssembly, string workingDirectory)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(runnerAssembly));
        if (folder is null || !File.Exists(runnerAssembly))
        {
            return null;
        }

        var files = Directory.EnumerateFiles(folder, "*.dll").Append(Path.ChangeExtension(runnerAssembly, ".deps.json")).Append(Path.ChangeExtension(runnerAssembly, ".runtimeconfig.json"))
            .Where(File.Exists)
            .Select(f => new FileInfo(f))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("|", files) + "|" + Path.GetFullPath(workingDirectory)));
        return "v1 " + Convert.ToHexString(hash);
    }
}
