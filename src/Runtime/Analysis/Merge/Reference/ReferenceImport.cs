using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Merge.Reference;

/// <summary>
/// Imports output folders written by the reference tool, one per pod, into a PodBench run folder (details JSONL,
/// db_data, a pod manifest marked imported, plan.json), so that the one merge (<see cref="RunMerger"/>) merges them
/// exactly. The pods' monotonic clocks are unrelated, so each pod's time points are shifted so that its first send
/// is at 0 on the merged axis (docs/metrics.md, "Reference-imported pods"): the pods are assumed to have started
/// their load at the same instant. Never changes the folders it reads.
/// </summary>
public static class ReferenceImport
{
    /// <summary>The plan type of an import's plan.json.</summary>
    public const string PlanType = "ReferenceImport";

    /// <summary>The folders of a <c>BenchmarkImport</c> value: separated by <c>;</c> (<c>%3B</c> on a command line), blanks ignored.</summary>
    public static IReadOnlyList<string> ParseFolders(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Writes the pods of <paramref name="folders"/> (pod i = the i-th folder) into <paramref name="runDirectory"/>,
    /// which must not exist yet or be empty. Returns each pod's own figures; throws <see cref="MergeException"/>
    /// naming the folder, file and line of anything it cannot read.
    /// </summary>
    public static IReadOnlyList<ImportedPod> Stage(IReadOnlyList<string> folders, string runDirectory, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            throw new MergeException("No reference output folder to import: name one per pod, separated by ';' (%3B on a dotnet command line).", []);
        }

        var runDir = Path.GetFullPath(runDirectory);
        if (Directory.Exists(runDir) && Directory.EnumerateFileSystemEntries(runDir).Any())
        {
            throw new MergeException($"The import's run folder {runDir} already exists and is not empty: name a new run (BenchmarkRun, --run) or remove it.", []);
        }

        var pods = folders.Select(ReferencePodFolder.Find).ToList();
        var duplicate = pods.GroupBy(p => p.Folder, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MergeException($"{duplicate.Key} is named {duplicate.Count()} times: each pod's folder is imported once.", []);
        }

        var existed = Directory.Exists(runDir);
        Directory.CreateDirectory(runDir);
        try
        {
            return Write(pods, runDir, log);
        }
        catch
        {
            // The folder was empty or absent before: leave nothing half-imported behind.
            foreach (var entry in new DirectoryInfo(runDir).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }

            if (!existed)
            {
                Directory.Delete(runDir);
            }

            throw;
        }
    }

    private static List<ImportedPod> Write(List<ReferencePodFolder> pods, string runDir, TextWriter? log)
    {
        var baseNs = pods.Min(StartUtcNs);
        var planHash = PlanHash(pods);
        var layout = new RunLayout(runDir);
        var imported = new List<ImportedPod>();
        var podDocuments = new List<PodDocument>();
        for (var i = 0; i < pods.Count; i++)
        {
            var (pod, tasks) = ImportPod(layout, i, pods[i], baseNs, planHash);
            imported.Add(pod);
            podDocuments.Add(new PodDocument(i, tasks));
            log?.WriteLine("import: " + pod.Describe());
        }

        new PlanDocument
        {
            PlanType = PlanType,
            PlanHash = planHash,
            Pods = podDocuments,
            Statistics = RunMerger.DefaultStatistics,
        }.Write(layout.PlanFile);
        return imported;
    }

    private static (ImportedPod Pod, List<TaskDocument> Tasks) ImportPod(RunLayout layout, int pod, ReferencePodFolder folder, long baseNs, string planHash)
    {
        var readings = new ReferenceReadings(folder);
        var firstSend = readings.FirstSend();
        var taskFiles = new List<PodTaskFiles>();
        var documents = new List<TaskDocument>();
        double successStart = double.MaxValue, successEnd = double.MinValue;
        long total = 0, success = 0;
        var concurrencySources = new List<string>();
        foreach (var task in folder.Tasks)
        {
            var config = ReferenceModelConfig.Find(folder.RunFolder, task.Model);
            var stream = config.Stream ?? true;
            var writer = TaskResultWriter.Open(layout, pod, task.Model, task.Dataset);
            var inFlight = new List<(double Start, double End)>();
            long taskSuccess = 0, taskTotal = 0;
            foreach (var line in ReferenceLine.Read(task.DetailsPath))
            {
                var points = readings.Of(task, line);
                var ok = line.Success && points is { Length: >= 2 };
                var error = !line.Success ? line.ErrorInfo
                    : points is null ? $"time points missing from db_data ({line.DbName ?? "no db_name"} has no id {line.DbRef?.ToString(CultureInfo.InvariantCulture) ?? "(none)"})"
                    : ok ? "" : "chunk size is less than 2";
                if (line.DataAbbr != task.Dataset)
                {
                    throw new MergeException($"{task.DetailsPath}({line.LineNumber}): data_abbr '{line.DataAbbr}' is not the file's dataset '{task.Dataset}'.", []);
                }

                writer.WriteAsync(new RequestRecord
                {
                    ModelAbbr = task.Model,
                    DataAbbr = task.Dataset,
                    Id = line.Id,
                    Uuid = string.IsNullOrEmpty(line.Uuid) ? $"{pod:x8}{taskTotal:x24}" : line.Uuid,
                    Pod = pod,
                    TurnId = line.TurnId,
                    DataId = line.DataId,
                    Success = ok,
                    ErrorInfo = error,
                    TimePointsNs = (points ?? []).Select(t => baseNs + (long)Math.Round((t - firstSend) * 1e9)).ToArray(),
                    InputTokens = line.InputTokens,
                    OutputTokens = line.OutputTokens,
                    UsageSource = "reference",
                    Input = line.Input,
                    Prediction = line.Prediction,
                    Stream = stream,
                }).AsTask().GetAwaiter().GetResult();
                taskTotal++;
                if (ok)
                {
                    taskSuccess++;
                    successStart = Math.Min(successStart, points![0]);
                    successEnd = Math.Max(successEnd, points[^1]);
                }

                if (points is { Length: >= 2 })
                {
                    inFlight.Add((points[0], points[^1]));
                }
            }

            writer.CompleteAsync().GetAwaiter().GetResult();
            var concurrency = config.BatchSize ?? Math.Max(1, PeakInFlight(inFlight));
            concurrencySources.Add(config.BatchSize is not null
                ? $"batch_size of {task.Model} in {Path.GetRelativePath(folder.RunFolder, config.Source!)}"
                : $"{task.Model}: no batch_size in {Path.Combine(folder.RunFolder, "configs")}, so the peak of requests in flight");
            var files = new List<string> { writer.DetailsPath, writer.ParquetPath, Results.Reference.ReferenceDbData.PathOf(writer), layout.FailedFile(task.Model, task.Dataset) }.Where(File.Exists).ToList();
            taskFiles.Add(new PodTaskFiles(task.Model, task.Dataset, concurrency, new PodRecordCounts(taskTotal, taskSuccess, taskTotal - taskSuccess), files));
            documents.Add(new TaskDocument(task.Model, task.Dataset, concurrency, 0, stream ? "StreamChat" : "Chat"));
            total += taskTotal;
            success += taskSuccess;
        }

        var durationMs = success > 0 ? Math.Round((successEnd - successStart) * 1000, 4) : 0;
        var started = DateTimeOffset.FromUnixTimeMilliseconds(baseNs / 1_000_000);
        var clock = new PodClock((long)Math.Round(firstSend * System.Diagnostics.Stopwatch.Frequency), baseNs);
        var manifest = PodManifest.Create(layout.Root, pod, planHash, clock, started, taskFiles, started.AddMilliseconds(readings.SpanSeconds(firstSend) * 1000), "imported:" + Path.GetFileName(folder.Folder)) with { ImportedFrom = folder.Folder };
        PodManifestWriter.Write(layout.Root, manifest);
        var imported = new ImportedPod(pod, folder.Folder, total, success, firstSend, durationMs, taskFiles.Sum(t => t.Concurrency), string.Join("; ", concurrencySources));
        return (imported, documents);
    }

    /// <summary>The most requests in flight at once (an end at the same instant as a start is counted first).</summary>
    private static int PeakInFlight(List<(double Start, double End)> requests)
    {
        var events = requests.SelectMany(r => new[] { (T: r.Start, D: 1), (T: r.End, D: -1) }).OrderBy(e => e.T).ThenBy(e => e.D);
        int now = 0, peak = 0;
        foreach (var e in events)
        {
            now += e.D;
            peak = Math.Max(peak, now);
        }

        return peak;
    }

    /// <summary>When the pod's run started, in UTC ns: its run folder's <c>yyyyMMdd_HHmmss</c> name, else its oldest details file.</summary>
    private static long StartUtcNs(ReferencePodFolder pod)
    {
        if (DateTime.TryParseExact(Path.GetFileName(pod.RunFolder), "yyyyMMdd_HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var named))
        {
            return (named.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        }

        return pod.Tasks.Min(t => (File.GetLastWriteTimeUtc(t.DetailsPath).Ticks - DateTime.UnixEpoch.Ticks) * 100);
    }

    private static string PlanHash(IEnumerable<ReferencePodFolder> pods)
    {
        var text = new StringBuilder();
        foreach (var pod in pods)
        {
            text.Append(pod.Folder).Append('\n');
            foreach (var task in pod.Tasks)
            {
                text.Append(task.Model).Append('/').Append(task.Dataset).Append(' ').Append(FileHash.Sha256Hex(task.DetailsPath)).Append('\n');
            }
        }

        return "import-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
