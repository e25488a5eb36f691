using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>A run folder with pods written the way a pod publishes them: details JSONL, db_data Parquet, started marker, manifest last.</summary>
public sealed class RunFixture : IDisposable
{
    public const string PlanHash = "abc123";

    public RunFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "podbench-merge-" + Guid.NewGuid().ToString("N"));
        RunDir = Path.Combine(Root, "outputs", "default", "20260101_000000");
        Directory.CreateDirectory(RunDir);
    }

    public string Root { get; }

    public string RunDir { get; }

    public void WritePlan(int pods, int concurrency, IReadOnlyList<GateDocument>? gates = null, bool stable = true, string model = "") =>
        WritePlan(Enumerable.Range(0, pods).Select(i => (IReadOnlyList<FixtureTask>)[new FixtureTask(model.Length == 0 ? "m" + i : model, "ds", [])]).ToList(), concurrency, gates, stable);

    /// <summary>Writes plan.json with pod i running <paramref name="pods"/>[i]'s tasks.</summary>
    public void WritePlan(IReadOnlyList<IReadOnlyList<FixtureTask>> pods, int concurrency, IReadOnlyList<GateDocument>? gates = null, bool stable = true)
    {
        var plan = new PlanDocument
        {
            PlanType = "Tests.Plan",
            PlanHash = PlanHash,
            Pods = pods.Select((tasks, i) => new PodDocument(i, tasks.Select(t => new TaskDocument(t.Model, t.Dataset, concurrency, 0, "StreamChat")).ToList())).ToList(),
            Statistics = ["Average", "Min", "Max", "Median", "P75", "P90", "P99"],
            StableStage = stable,
            Gates = gates ?? [],
        };
        plan.Write(Path.Combine(RunDir, PlanDocument.FileName));
    }

    /// <summary>Writes pod <paramref name="pod"/>'s task (model <c>m&lt;pod&gt;</c>, dataset <c>ds</c>) with the pods' own writer and publishes it.</summary>
    public PodManifest WritePod(int pod, IReadOnlyList<FixtureRequest> requests, int concurrency, bool publish = true, string model = "", LagSummary? readDelay = null, long busyPoll = 0) =>
        WriteTasks(pod, [new FixtureTask(model.Length == 0 ? "m" + pod.ToString(CultureInfo.InvariantCulture) : model, "ds", requests)], concurrency, publish, readDelay, busyPoll);

    /// <summary>Writes pod <paramref name="pod"/>'s tasks with the pods' own writer and publishes them (the pod's uuids run on over its tasks).</summary>
    public PodManifest WriteTasks(int pod, IReadOnlyList<FixtureTask> tasks, int concurrency, bool publish = true, LagSummary? readDelay = null, long busyPoll = 0)
    {
        PodManifestWriter.WriteStarted(RunDir, pod, PlanHash, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var layout = new RunLayout(RunDir);
        var written = new List<PodTaskFiles>();
        var uuid = 0;
        foreach (var (model, dataset, requests) in tasks)
        {
            var writer = TaskResultWriter.Open(layout, pod, model, dataset);
            for (var i = 0; i < requests.Count; i++)
            {
                var r = requests[i];
                writer.WriteAsync(new RequestRecord
                {
                    ModelAbbr = model,
                    DataAbbr = dataset,
                    Id = i,
                    Uuid = Uuid(pod, uuid++),
                    Pod = pod,
                    Success = r.Success,
                    ErrorInfo = r.Error,
                    TimePointsNs = r.TimePoints(),
                    ScheduledNs = r.ScheduledNs,
                    InputTokens = r.InputTokens,
                    OutputTokens = r.OutputTokens,
                    HttpStatus = r.Success ? 200 : 500,
                    Input = "A A A",
                    Prediction = r.Prediction,
                    Stream = r.Stream,
                }).AsTask().GetAwaiter().GetResult();
            }

            writer.CompleteAsync().GetAwaiter().GetResult();
            var files = new List<string> { writer.DetailsPath, writer.ParquetPath };
            if (File.Exists(layout.FailedFile(model, dataset)))
            {
                files.Add(layout.FailedFile(model, dataset));
            }

            var success = requests.Count(r => r.Success);
            written.Add(new PodTaskFiles(model, dataset, concurrency, new PodRecordCounts(requests.Count, success, requests.Count - success), files) { ReadDelay = readDelay });
        }

        var manifest = PodManifest.Create(RunDir, pod, PlanHash, new PodClock(1000, 1_767_225_600_000_000_000), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), written, new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero), "host-a", busyPoll);
        if (publish)
        {
            PodManifestWriter.Write(RunDir, manifest);
        }

        return manifest;
    }

    public static string Uuid(int pod, int i) => $"{pod:x8}{i:x24}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
