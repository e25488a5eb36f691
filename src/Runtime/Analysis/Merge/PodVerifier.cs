using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Checks that every expected pod published a complete manifest for this plan and that every file it lists is there
/// with its length and checksum. Names exactly what is missing or broken.
/// </summary>
public static class PodVerifier
{
    /// <summary>Checks the pods <paramref name="expected"/> of the run in <paramref name="runDir"/>.</summary>
    /// <param name="runDir">The run folder.</param>
    /// <param name="expected">The pods the plan expects.</param>
    /// <param name="planHash">The plan's hash, or null to require only that the pods agree with each other.</param>
    /// <param name="plannedTasks">The tasks (model, dataset) the plan gives each pod, or null: a manifest that lacks one is incomplete.</param>
    public static PodVerification Verify(string runDir, IReadOnlyList<int> expected, string? planHash, Func<int, IEnumerable<(string Model, string Dataset)>?>? plannedTasks = null)
    {
        var problems = new SortedDictionary<int, List<string>>();
        var candidates = new List<PodManifest>();
        foreach (var pod in expected)
        {
            var list = problems[pod] = [];
            var manifestPath = PodManifestWriter.ManifestPath(runDir, pod);
            if (!File.Exists(manifestPath))
            {
                list.Add($"pod {Text(pod)}: no manifest at {Relative(runDir, manifestPath)} (the pod never finished or never ran); {StartedState(runDir, pod)}");
                continue;
            }

            PodManifest manifest;
            try
            {
                manifest = PodManifest.Read(manifestPath);
            }
            catch (InvalidDataException e)
            {
                list.Add($"pod {Text(pod)}: unreadable manifest: {e.Message}");
                continue;
            }

            if (manifest.Pod != pod)
            {
                list.Add($"pod {Text(pod)}: {Relative(runDir, manifestPath)} says it is pod {Text(manifest.Pod)}");
                continue;
            }

            if (manifest.Status != PodManifest.CompleteStatus)
            {
                list.Add($"pod {Text(pod)}: manifest status is '{manifest.Status}', not '{PodManifest.CompleteStatus}'");
                continue;
            }

            var lacking = (plannedTasks?.Invoke(pod) ?? []).Except(manifest.Tasks.Select(t => (t.Model, t.Dataset))).Select(t => t.Model + "/" + t.Dataset).ToList();
            if (lacking.Count > 0)
            {
                list.Add($"pod {Text(pod)}: its manifest lacks task(s) {string.Join(", ", lacking)}, which did not complete");
                continue;
            }

            candidates.Add(manifest);
        }

        var hash = planHash ?? candidates.GroupBy(m => m.PlanHash).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? "";
        var fileProblems = new ConcurrentDictionary<int, ConcurrentBag<(int Order, string Text)>>();
        var checks = new List<(PodManifest Manifest, int Order, PodFileEntry File)>();
        foreach (var manifest in candidates)
        {
            if (!string.Equals(manifest.PlanHash, hash, StringComparison.OrdinalIgnoreCase))
            {
                problems[manifest.Pod].Add($"pod {Text(manifest.Pod)}: ran plan {manifest.PlanHash}, but this run's plan is {hash} (a pod of another run or plan version)");
                continue;
            }

            var order = 0;
            foreach (var file in manifest.Tasks.SelectMany(t => t.Files))
            {
                checks.Add((manifest, order++, file));
            }
        }

        // A task run by several pods (a replicated group) has one details file that every one of them appends to, so
        // a pod's checksum of it is only true when that pod finished: such a file may only have grown since.
        var shared = checks.GroupBy(c => c.File.Path, StringComparer.Ordinal).Where(g => g.Select(c => c.Manifest.Pod).Distinct().Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        Parallel.ForEach(checks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, check =>
        {
            var problem = CheckFile(runDir, check.File, shared.Contains(check.File.Path));
            if (problem is not null)
            {
                fileProblems.GetOrAdd(check.Manifest.Pod, _ => []).Add((check.Order, $"pod {Text(check.Manifest.Pod)}: {check.File.Path} {problem}"));
            }
        });
        foreach (var (pod, bag) in fileProblems)
        {
            problems[pod].AddRange(bag.OrderBy(p => p.Order).Select(p => p.Text));
        }

        var complete = candidates.Where(m => problems[m.Pod].Count == 0).OrderBy(m => m.Pod).ToList();
        return new PodVerification(expected, complete, problems.Values.SelectMany(p => p).ToList(), hash);
    }

    private static string? CheckFile(string runDir, PodFileEntry file, bool shared)
    {
        var full = Path.GetFullPath(Path.Combine(runDir, file.Path));
        if (!full.StartsWith(Path.GetFullPath(runDir), StringComparison.Ordinal))
        {
            return "lies outside the run folder";
        }

        if (!File.Exists(full))
        {
            return "is missing";
        }

        var length = new FileInfo(full).Length;
        if (file.Kind == "summary")
        {
            return null; // the replicas of a group each rewrite the task's .csv/.json with their share; no merge reads them
        }

        if (shared)
        {
            return length >= file.Bytes ? null : $"has {Text(length)} bytes, fewer than the {Text(file.Bytes)} the manifest says (a shared file was truncated)";
        }

        if (length != file.Bytes)
        {
            return $"has {Text(length)} bytes, the manifest says {Text(file.Bytes)} (truncated or rewritten)";
        }

        var sha = FileHash.Sha256Hex(full);
        return string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase) ? null : $"checksum mismatch (SHA-256 {sha[..12]}..., the manifest says {file.Sha256[..Math.Min(12, file.Sha256.Length)]}...): the file changed after the pod published it";
    }

    private static string StartedState(string runDir, int pod)
    {
        var path = PodManifestWriter.StartedPath(runDir, pod);
        if (!File.Exists(path))
        {
            return $"its started marker {Relative(runDir, path)} is absent too, so it never started";
        }

        try
        {
            var marker = PodStartedMarker.Read(path);
            return $"its started marker {Relative(runDir, path)} is present (started {marker.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC on {marker.HostName}, process {Text(marker.ProcessId)}), so it started and died or is still running";
        }
        catch (InvalidDataException)
        {
            return $"its started marker {Relative(runDir, path)} is present but unreadable, so it started and died";
        }
    }

    private static string Relative(string runDir, string path) => Path.GetRelativePath(runDir, path).Replace('\\', '/');

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
