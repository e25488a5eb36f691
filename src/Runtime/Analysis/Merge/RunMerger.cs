using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Merges every pod of a run exactly: verifies the pods' manifests and checksums, unions their raw records in DuckDB
/// and recomputes every metric from them on one UTC axis. Used by the MSBuild task and the runner's merge verb alike.
/// It reads files only: it never sends a request.
/// </summary>
public static class RunMerger
{
    /// <summary>The merge folder's name under <c>performances/</c>.</summary>
    public const string MergeFolder = "merge_results";

    /// <summary>The statistic columns used when neither the options nor the plan name any.</summary>
    public static IReadOnlyList<string> DefaultStatistics => SummaryRequest.DefaultStatistics;

    /// <summary>Merges the run <see cref="MergeOptions.RunDirectory"/>; throws <see cref="MergeException"/> when it refuses.</summary>
    public static MergeOutcome Merge(MergeOptions options)
    {
        var runDir = Path.GetFullPath(options.RunDirectory);
        if (!Directory.Exists(runDir))
        {
            throw new MergeException($"The run folder {runDir} does not exist: run the benchmark first (dotnet build -t:RunBenchmark, or the runner's run verb), or name an existing run.", []);
        }

        var planPath = Path.Combine(runDir, PlanDocument.FileName);
        var plan = File.Exists(planPath) ? PlanDocument.Read(planPath) : null;
        var expected = options.ExpectedPods ?? plan?.Pods.Select(p => p.Index).ToList() ?? FoundPods(runDir);
        if (expected.Count == 0)
        {
            throw new MergeException($"Nothing to merge in {runDir}: there is no {PlanDocument.FileName} and no pod manifest under {PodManifestWriter.PodsFolder}/.", []);
        }

        using var locks = options.LocksHeld ? null : MergeLocks.Acquire(runDir, expected.Distinct().Order().ToList());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what) => options.Log?.Invoke(
            $"merge: {what} ({clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, process CPU {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
        var verification = PodVerifier.Verify(runDir, expected.Distinct().OrderBy(p => p).ToList(), plan?.PlanHash, pod => plan?.Pods.FirstOrDefault(p => p.Index == pod)?.Tasks.Where(t => plan.Sweep?.StopAtFailure != true || t.Level is null).Select(t => (t.Model, t.Dataset)));
        if (verification.Problems.Count > 0 && !options.AllowPartial)
        {
            throw new MergeException(
                $"Refusing to merge {runDir}: {verification.Complete.Count} of {verification.Expected.Count} expected pods are complete. Fix or rerun the pods named below, or merge what is complete with the partial option (the result is then marked partial).",
                verification.Problems);
        }

        if (verification.Complete.Count == 0)
        {
            throw new MergeException($"Nothing to merge in {runDir}: no expected pod is complete.", verification.Problems);
        }

        Step($"verified {verification.Complete.Count} of {verification.Expected.Count} pods");
        var statistics = options.Statistics ?? plan?.Statistics ?? DefaultStatistics;
        var stable = options.StableStage ?? plan?.StableStage ?? true;
        var gates = options.Gates ?? plan?.Gates ?? [];
        var goodput = options.Goodput ?? plan?.Goodput;
        var outputDir = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(runDir, "performances", MergeFolder));
        var dbDir = Path.Combine(outputDir, "db_data");
        Directory.CreateDirectory(dbDir);
        var dbPath = Path.Combine(dbDir, "merged.duckdb");
        foreach (var stale in new[] { dbPath, dbPath + ".wal" })
        {
            File.Delete(stale);
        }

        var files = new List<string>();
        MergeSummaryDocument document;
        IReadOnlyList<DuplicateRequest> duplicates;
        IReadOnlyList<string> torn;
        using (var connection = new DuckDBConnection("Data Source=" + dbPath))
        {
            connection.Open();
            var tmp = Path.Combine(dbDir, "duckdb_tmp");
            Sql.Execute(connection, "SET temp_directory = $dir", ("dir", tmp));
            Sql.Execute(connection, "SET preserve_insertion_order = false");
            if (options.MemoryLimit is not null)
            {
                Sql.Execute(connection, "SET memory_limit = $limit", ("limit", options.MemoryLimit));
            }

            WritePodsAndTasks(connection, verification.Complete);
            var taskGroups = verification.Complete.SelectMany(m => m.Tasks)
                .GroupBy(t => (t.Model, t.Dataset))
                .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Dataset, StringComparer.Ordinal)
                .ToList();
            var dbFiles = MergedRecords.Load(connection, runDir, verification.Complete, taskGroups.Select(g => g.Key).ToList(), plan?.Pressure ?? false);
            duplicates = MergedRecords.Duplicates(connection, plan?.Pressure ?? false);
            torn = TornDetails(runDir, verification.Complete);
            Step("loaded the records into DuckDB");
            var requestsParquet = Path.Combine(dbDir, "requests.parquet");
            Sql.Execute(connection, $"COPY (SELECT * EXCLUDE (task) FROM {MergedRecords.Table(connection, "records")}) TO $path (FORMAT parquet, COMPRESSION zstd)", ("path", requestsParquet));
            files.Add(requestsParquet);
            var kept = KeepDbData(dbFiles, dbDir);
            files.AddRange(kept);
            files.AddRange(KeepDbData(ReferenceDbFiles.Listed(runDir, verification.Complete), dbDir));
            MergedRecords.CreateRequestsView(connection, kept);
            if (ServerMetricsMerge.Load(connection, runDir, verification.Complete.Select(m => m.Pod), dbDir) is { } serverMetrics)
            {
                files.Add(serverMetrics);
            }

            Step($"wrote requests.parquet and kept {kept.Count} db_data files");

            var maxConcurrency = verification.Complete.Sum(m => m.Tasks.Sum(t => t.Concurrency));
            var scopes = new List<SummaryScope> { new(new SummaryRequest { Scope = MergeFolder + "/merged", Statistics = statistics, Stable = stable, Goodput = goodput, MaxConcurrency = maxConcurrency }, null) };
            scopes.AddRange(taskGroups.Select((g, i) => new SummaryScope(
                new SummaryRequest { Scope = g.Key.Model + "/" + g.Key.Dataset, Statistics = statistics, Stable = stable, Goodput = goodput, MaxConcurrency = g.Sum(t => t.Concurrency), TargetRate = g.Any(t => t.TargetRate is not null) ? g.Sum(t => t.TargetRate ?? 0) : null },
                i)));
            var summaries = MergedRecords.Summarize(connection, scopes, dbFiles);
            var merged = summaries[0];
            var tasks = summaries.Skip(1).ToList();
            Step("summarized the merge and every task");
            Sql.Execute(connection, "CHECKPOINT");
            merged = Annotate(merged, verification);
            merged = merged with { Notes = merged.Notes.Concat(IntegrityNotes(duplicates, torn)).ToList() };
            var sweep = SweepCurves.Build(plan, tasks, gates);
            document = new MergeSummaryDocument
            {
                RunName = Path.GetFileName(runDir),
                PlanHash = verification.PlanHash,
                ExpectedPods = verification.Expected,
                MergedPods = verification.Complete.Select(m => m.Pod).ToList(),
                Partial = verification.Complete.Count < verification.Expected.Count,
                Problems = verification.Problems,
                Pods = verification.Complete.Select(Describe).ToList(),
                ClockSkew = Skew(runDir, verification),
                Alignment = PodAlignment.Measure(connection, MergedRecords.Table(connection, "records"), verification.Complete, merged),
                Merged = merged,
                Tasks = tasks,
                Sweep = sweep,
                Gates = SweepCurves.Gates(sweep, tasks, gates, GateEvaluator.Evaluate(merged, gates)),
                Duplicates = duplicates,
                TornLines = torn,
                WallTime = MeasureWallTime(verification.Complete, options.CommandStartedUtcNs, outputDir),
            };
        }

        files.Add(dbPath);
        files.AddRange(WriteMissingTaskFiles(runDir, document.Tasks));
        var csv = Path.Combine(outputDir, "merged.csv");
        var json = Path.Combine(outputDir, "merged.json");
        CompatibleFiles.WriteCsv(document.Merged, csv);
        CompatibleFiles.WriteJson(document.Merged, json);
        files.Add(csv);
        files.Add(json);
        files.Add(ConcatenateDetails(runDir, outputDir, verification.Complete));
        Step("wrote the compatible files and merged_details.jsonl");
        var summaryPath = Path.Combine(outputDir, MergeSummaryDocument.FileName);
        File.WriteAllText(summaryPath, document.ToJson(), new UTF8Encoding(false));
        files.Add(summaryPath);
        string? junit = null;
        if (document.Gates.Count > 0)
        {
            junit = Path.Combine(runDir, "slo-gates.xml");
            JUnitWriter.Write(junit, document.Gates);
            files.Add(junit);
        }

        return new MergeOutcome { OutputDirectory = outputDir, DatabasePath = dbPath, Files = files, Document = document, JUnitPath = junit };
    }

    // A command that did not run the pods (the same command again, a later merge) keeps the wall time the earlier merge
    // of exactly these pod runs measured, so merging the same pods again gives the same summary.
    private static WallTime? MeasureWallTime(IReadOnlyList<PodManifest> pods, long? commandStartedUtcNs, string outputDir)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var earlier = Path.Combine(outputDir, MergeSummaryDocument.FileName);
        if (WallTime.RanThePods(pods, commandStartedUtcNs) || !File.Exists(earlier))
        {
            return WallTime.Measure(pods, commandStartedUtcNs, now);
        }

        try
        {
            var document = MergeSummaryDocument.Read(earlier);
            var samePods = document.Pods.Select(p => (p.Pod, p.StartedUtc, p.EndedUtc)).SequenceEqual(pods.Select(Describe).Select(p => (p.Pod, p.StartedUtc, p.EndedUtc)));
            return (samePods ? document.WallTime : null) ?? WallTime.Measure(pods, commandStartedUtcNs, now);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException)
        {
            return WallTime.Measure(pods, commandStartedUtcNs, now);
        }
    }

    /// <summary>
    /// Writes a task's compatible <c>.csv</c>/<c>.json</c> from the merge's pass over all its pods where no pod wrote
    /// them: pods followed by a merge (RunBenchmark) skip their own task summary. Returns the written paths.
    /// </summary>
    private static List<string> WriteMissingTaskFiles(string runDir, IReadOnlyList<PerfSummary> tasks)
    {
        var layout = new RunLayout(runDir);
        var written = new List<string>();
        foreach (var task in tasks)
        {
            // a task's scope is "<model abbr>/<dataset abbr>"; abbrs hold no '/'
            var slash = task.Scope.IndexOf('/', StringComparison.Ordinal);
            var (model, dataset) = (task.Scope[..slash], task.Scope[(slash + 1)..]);
            var (csv, json) = (layout.CsvFile(model, dataset), layout.JsonFile(model, dataset));
            if (!File.Exists(csv) || !File.Exists(json))
            {
                CompatibleFiles.WriteCsv(task, csv);
                CompatibleFiles.WriteJson(task, json);
                written.AddRange([csv, json]);
            }
        }

        return written;
    }

    /// <summary>
    /// Keeps every pod's db_data file in the merge's db_data folder under its own name (db names are unique per pod):
    /// a hard link where the file system allows one, else a copy. Returns the kept paths.
    /// </summary>
    private static List<string> KeepDbData(IReadOnlyList<string> dbFiles, string dbDir)
    {
        var kept = new List<string>();
        foreach (var file in dbFiles)
        {
            var target = Path.Combine(dbDir, Path.GetFileName(file));
            FileLinks.LinkOrCopy(file, target);
            kept.Add(target.Replace('\\', '/'));
        }

        return kept;
    }

    private static List<int> FoundPods(string runDir)
    {
        var podsDir = Path.Combine(runDir, PodManifestWriter.PodsFolder);
        if (!Directory.Exists(podsDir))
        {
            return [];
        }

        return Directory.EnumerateFiles(podsDir, "pod-*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(n => int.TryParse(n!.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
            .Where(i => i >= 0)
            .Order()
            .ToList();
    }

    private static void WritePodsAndTasks(DuckDBConnection connection, IReadOnlyList<PodManifest> pods)
    {
        Sql.Execute(connection, """
            CREATE TABLE pods (pod INTEGER, host_name VARCHAR, plan_hash VARCHAR, started_utc VARCHAR, ended_utc VARCHAR,
                               anchor_monotonic_ticks BIGINT, anchor_utc_ns BIGINT, stopwatch_frequency BIGINT,
                               total BIGINT, success BIGINT, failed BIGINT, concurrency BIGINT);
            CREATE TABLE tasks (model_abbr VARCHAR, data_abbr VARCHAR, pod INTEGER, concurrency INTEGER,
                                total BIGINT, success BIGINT, failed BIGINT);
            """);
        using (var appender = connection.CreateAppender("pods"))
        {
            foreach (var p in pods.Select(Describe))
            {
                appender.CreateRow()
                    .AppendValue(p.Pod).AppendValue(p.HostName).AppendValue(pods.First(m => m.Pod == p.Pod).PlanHash)
                    .AppendValue(p.StartedUtc).AppendValue(p.EndedUtc)
                    .AppendValue(p.Anchor.MonotonicTicks).AppendValue(p.Anchor.UtcNs).AppendValue(p.Anchor.StopwatchFrequency)
                    .AppendValue(p.Total).AppendValue(p.Success).AppendValue(p.Failed).AppendValue(p.Concurrency)
                    .EndRow();
            }
        }

        using (var appender = connection.CreateAppender("tasks"))
        {
            foreach (var m in pods)
            {
                foreach (var t in m.Tasks)
                {
                    appender.CreateRow()
                        .AppendValue(t.Model).AppendValue(t.Dataset).AppendValue(m.Pod).AppendValue(t.Concurrency)
                        .AppendValue(t.Counts.Total).AppendValue(t.Counts.Success).AppendValue(t.Counts.Failed)
                        .EndRow();
                }
            }
        }
    }

    private static PodSummary Describe(PodManifest m) => new(
        m.Pod,
        m.HostName,
        m.StartedUtc.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
        m.EndedUtc.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
        m.ClockAnchor,
        m.Tasks.Sum(t => t.Counts.Total),
        m.Tasks.Sum(t => t.Counts.Success),
        m.Tasks.Sum(t => t.Counts.Failed),
        m.Tasks.Sum(t => (long)t.Concurrency))
    {
        ReadDelayP99Us = m.Tasks.Max(t => t.ReadDelay?.P99Us),
        BusyPollMicroseconds = m.BusyPollMicroseconds,
    };

    private static string Skew(string runDir, PodVerification verification)
    {
        // Pods that met at the start barrier measured their clocks against the shared volume: state that bound.
        if (Directory.Exists(Path.Combine(runDir, Cluster.PodBarrier.FolderName)))
        {
            return Cluster.ClockSkewReport.FromBarrier(runDir, verification.Expected.Count).Describe();
        }

        var pods = verification.Complete;
        if (pods.Any(p => p.ImportedFrom is not null))
        {
            return "not applicable: imported reference pods have unrelated monotonic clocks; each pod's first send was put at 0 on the merged axis (docs/metrics.md, reference-imported pods)";
        }

        var hosts = pods.Select(p => p.HostName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return hosts.Count <= 1
            ? $"0: every pod ran on host {hosts.FirstOrDefault() ?? "?"}, whose one clock anchored them all"
            : $"unknown: the pods ran on {hosts.Count} hosts ({string.Join(", ", hosts)}); each anchor comes from its host's UTC clock, so the axis is as good as their clock synchronization (NTP: typically within a few ms)";
    }

    private static PerfSummary Annotate(PerfSummary merged, PodVerification verification)
    {
        var partial = verification.Complete.Count < verification.Expected.Count;
        var notes = merged.Notes.ToList();
        if (partial)
        {
            var missing = verification.Expected.Except(verification.Complete.Select(m => m.Pod)).ToList();
            notes.Insert(0, $"PARTIAL MERGE: {verification.Complete.Count} of {verification.Expected.Count} expected pods merged; missing or broken: pod {string.Join(", pod ", missing)}");
        }

        // Every replica of a group loads the whole dataset, so each pod's count is the dataset's.
        foreach (var dataset in verification.Complete.SelectMany(m => m.Tasks).GroupBy(t => t.Dataset).Where(g => g.Max(t => t.RepeatedPrompts) > 0))
        {
            notes.Add("WARNING: " + Workloads.PromptSalt.RepeatWarning(dataset.Max(t => t.RepeatedPrompts), null, dataset.Key));
        }

        var extras = merged.Extras.ToList();
        extras.Add(new GlobalValue("Pods Expected", "total", verification.Expected.Count, "") { Integer = true });
        extras.Add(new GlobalValue("Pods Merged", "total", verification.Complete.Count, "") { Integer = true });
        return merged with { Notes = notes, Extras = extras };
    }

    /// <summary>The merged details files that end in a torn line, named with its length (the merge skips it).</summary>
    private static List<string> TornDetails(string runDir, IReadOnlyList<PodManifest> pods) =>
        DetailsFiles(pods)
            .Select(f => (File: f, Full: Path.Combine(runDir, f)))
            .Select(f => (f.File, Torn: new FileInfo(f.Full).Length - TornTail.WholeLength(f.Full)))
            .Where(f => f.Torn > 0)
            .Select(f => $"{f.File}: its last line is half-written ({f.Torn.ToString(CultureInfo.InvariantCulture)} bytes, a crash or a full disk) and was skipped")
            .ToList();

    private static IEnumerable<string> DetailsFiles(IReadOnlyList<PodManifest> pods) =>
        pods.SelectMany(m => m.Tasks).SelectMany(t => t.Files).Where(f => f.Kind == "details").Select(f => f.Path).Distinct(StringComparer.Ordinal);

    /// <summary>The notes that name duplicates and torn lines (the first ten duplicates; merge_summary.json has them all).</summary>
    private static IEnumerable<string> IntegrityNotes(IReadOnlyList<DuplicateRequest> duplicates, IReadOnlyList<string> torn)
    {
        if (duplicates.Count > 0)
        {
            var extra = duplicates.Sum(d => d.Records - 1);
            yield return $"{duplicates.Count} request(s) have more than one record ({extra} extra, each request counted once: its success if any, else its last failure): "
                + string.Join("; ", duplicates.Take(10).Select(d => d.Describe()))
                + (duplicates.Count > 10 ? $"; and {duplicates.Count - 10} more (merge_summary.json lists them all)" : "");
        }

        foreach (var line in torn)
        {
            yield return line;
        }
    }

    private static string ConcatenateDetails(string runDir, string outputDir, IReadOnlyList<PodManifest> pods)
    {
        var path = Path.Combine(outputDir, "merged_details.jsonl");
        var tmp = path + ".tmp";
        using (var output = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            foreach (var file in DetailsFiles(pods))
            {
                // whole lines only: a torn last line (named by TornDetails) is left out
                var whole = TornTail.WholeLength(Path.Combine(runDir, file));
                using var input = new FileStream(Path.Combine(runDir, file), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
                FileLinks.Append(input, output, whole);
            }
        }

        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
