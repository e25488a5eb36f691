using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace PodBench.Runtime.Merge;

/// <summary>Publishes a pod's started marker and, last of all its files, its manifest (temp file, then rename).</summary>
public static class PodManifestWriter
{
    /// <summary>The folder inside a run folder that holds manifests and markers.</summary>
    public const string PodsFolder = "pods";

    /// <summary>The path of pod <paramref name="pod"/>'s manifest.</summary>
    public static string ManifestPath(string runDir, int pod) =>
        Path.Combine(runDir, PodsFolder, "pod-" + pod.ToString(CultureInfo.InvariantCulture) + ".json");

    /// <summary>The path of pod <paramref name="pod"/>'s started marker.</summary>
    public static string StartedPath(string runDir, int pod) =>
        Path.Combine(runDir, PodsFolder, "pod-" + pod.ToString(CultureInfo.InvariantCulture) + ".started.json");

    /// <summary>Writes the manifest atomically; returns its path. Call it after every other file of the pod is closed.</summary>
    public static string Write(string runDir, PodManifest manifest)
    {
        var path = ManifestPath(runDir, manifest.Pod);
        WriteAtomically(path, manifest.ToJson());
        return path;
    }

    /// <summary>Writes the pod's started marker (when it begins, before any request); returns its path.</summary>
    public static string WriteStarted(string runDir, int pod, string planHash, DateTimeOffset? startedUtc = null)
    {
        var marker = new PodStartedMarker(pod, planHash, Environment.MachineName, startedUtc ?? DateTimeOffset.UtcNow, Environment.ProcessId);
        var path = StartedPath(runDir, pod);
        WriteAtomically(path, JsonSerializer.Serialize(marker, MergeJson.Options));
        return path;
    }

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Results.AtomicFile.Write(path, text, overwrite: true);
    }
}
