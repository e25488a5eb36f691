using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Merge;

/// <summary>
/// What a pod publishes last (<c>pods/pod-&lt;i&gt;.json</c>): which plan it ran, its clock anchor, its tasks, their
/// files with checksums and record counts. The merge trusts a pod's files only through this document.
/// </summary>
public sealed record PodManifest
{
    /// <summary>The status of a pod that finished and published every file.</summary>
    public const string CompleteStatus = "complete";

    /// <summary>The format of this document.</summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The pod's 0-based index.</summary>
    public required int Pod { get; init; }

    /// <summary>The hash of the plan the pod ran (<see cref="Planning.PlanDocument.PlanHash"/>).</summary>
    public required string PlanHash { get; init; }

    /// <summary>The run folder's name.</summary>
    public required string RunName { get; init; }

    /// <summary>The machine the pod ran on.</summary>
    public required string HostName { get; init; }

    /// <summary>When the pod started.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>When the pod finished (just before this manifest was written).</summary>
    public required DateTimeOffset EndedUtc { get; init; }

    /// <summary>The anchor that put the pod's monotonic readings on the UTC axis.</summary>
    public required PodClockAnchor ClockAnchor { get; init; }

    /// <summary>The pod's tasks, in the order the plan lists them.</summary>
    public required IReadOnlyList<PodTaskManifest> Tasks { get; init; }

    /// <summary>
    /// Microseconds the pod's socket loop kept polling after its last event (<c>BenchmarkBusyPoll</c>); 0 when it
    /// slept. Client lag measured polling and sleeping differ by the machine's wake-up time, so the run says which.
    /// </summary>
    public long BusyPollMicroseconds { get; init; }

    /// <summary>
    /// The reference tool's output folder this pod was imported from (<c>BenchmarkImport</c>); null for a pod
    /// PodBench ran. An imported pod's clock anchor maps its first send to the merged axis's origin.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ImportedFrom { get; init; }

    /// <summary>
    /// When the pod measured: its measured phase's start, the agreed instant of the start barrier, its first measured
    /// send and last completion (ns on its UTC axis). Null in manifests written before pods recorded it.
    /// </summary>
    public PodMeasuredWindow? MeasuredWindow { get; init; }

    /// <summary>Where the pod process's time and CPU went (<see cref="PodTimings"/>); null in manifests written before pods recorded it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PodTimings? Timings { get; init; }

    /// <summary><see cref="CompleteStatus"/> when every file was published.</summary>
    public string Status { get; init; } = CompleteStatus;

    /// <summary>
    /// Builds the manifest of a finished pod: hashes every task file (paths inside <paramref name="runDir"/>),
    /// classifies it and records the anchor of <paramref name="clock"/>.
    /// </summary>
    public static PodManifest Create(
        string runDir,
        int pod,
        string planHash,
        PodClock clock,
        DateTimeOffset startedUtc,
        IEnumerable<PodTaskFiles> tasks,
        DateTimeOffset? endedUtc = null,
        string? hostName = null,
        long busyPollMicroseconds = 0)
    {
        var root = Path.GetFullPath(runDir);
        var taskManifests = tasks.Select(t => new PodTaskManifest(
            t.Model,
            t.Dataset,
            t.Concurrency,
            t.Counts,
            t.Files.Select(f => Describe(root, f)).ToList())
        {
            ReadDelay = t.ReadDelay,
            RepeatedPrompts = t.RepeatedPrompts,
            TargetRate = t.TargetRate,
        }).ToList();
        return new PodManifest
        {
            Pod = pod,
            PlanHash = planHash,
            RunName = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar)),
            HostName = hostName ?? Environment.MachineName,
            StartedUtc = startedUtc,
            EndedUtc = endedUtc ?? DateTimeOffset.UtcNow,
            ClockAnchor = new PodClockAnchor(clock.AnchorTimestamp, clock.AnchorUtcNs, System.Diagnostics.Stopwatch.Frequency),
            Tasks = taskManifests,
            BusyPollMicroseconds = busyPollMicroseconds,
        };
    }

    /// <summary>Reads a manifest; throws <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static PodManifest Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PodManifest>(File.ReadAllText(path), MergeJson.Options)
                ?? throw new InvalidDataException($"{path}: empty pod manifest.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a pod manifest ({e.Message}).", e);
        }
    }

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MergeJson.Options);

    /// <summary>Whether <paramref name="relativePath"/> is a details, db_data, reference db_data, failed or summary file.</summary>
    public static string ClassifyFile(string relativePath)
    {
        var name = Path.GetFileName(relativePath);
        if (name.EndsWith("_details.jsonl", StringComparison.Ordinal))
        {
            return "details";
        }

        if (name.EndsWith("_failed.jsonl", StringComparison.Ordinal))
        {
            return "failed";
        }

        if (relativePath.Replace('\\', '/').Contains("/db_data/", StringComparison.Ordinal) && (name.EndsWith(".parquet", StringComparison.Ordinal) || name.EndsWith(".jsonl", StringComparison.Ordinal)))
        {
            return "db_data";
        }

        if (relativePath.Replace('\\', '/').Contains("/db_data/", StringComparison.Ordinal) && name.EndsWith(".db", StringComparison.Ordinal))
        {
            return Results.Reference.ReferenceDbData.ManifestKind;
        }

        return name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal) ? "summary" : "other";
    }

    private static PodFileEntry Describe(string root, string file)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(file) ? file : Path.Combine(root, file));
        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{full}: a pod's file must lie inside the run folder {root}.", nameof(file));
        }

        return new PodFileEntry(relative, ClassifyFile(relative), new FileInfo(full).Length, FileHash.Sha256Hex(full));
    }
}
