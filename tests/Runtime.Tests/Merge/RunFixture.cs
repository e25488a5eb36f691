using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Planning;

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

    public void WritePlan(int pods, int concurrency, IReadOnlyList<GateDocument>? gates = null, bool stable = true)
    {
        var plan = new PlanDocument
        {
            PlanType = "Tests.Plan",
            PlanHash = PlanHash,
            Pods = Enumerable.Range(0, pods).Select(i => new PodDocument(i, [new TaskDocument("m" + i, "ds", concurrency, 0, "StreamChat")])).ToList(),
            Statistics = ["Average", "Min", "Max", "Median", "P75", "P90", "P99"],
            StableStage = stable,
            Gates = gates ?? [],
        };
        plan.Write(Path.Combine(RunDir, PlanDocument.FileName));
    }

    /// <summary>Writes pod <paramref name="pod"/>'s task (model <c>m&lt;pod&gt;</c>, dataset <c>ds</c>) and publishes it.</summary>
    public PodManifest WritePod(int pod, IReadOnlyList<FixtureRequest> requests, int concurrency, bool publish = true, string model = "")
    {
        model = model.Length == 0 ? "m" + pod.ToString(CultureInfo.InvariantCulture) : model;
        PodManifestWriter.WriteStarted(RunDir, pod, PlanHash, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var taskDir = Path.Combine(RunDir, "performances", model);
        var dbDir = Path.Combine(taskDir, "db_data");
        Directory.CreateDirectory(dbDir);
        var dbName = "pod" + pod.ToString(CultureInfo.InvariantCulture) + "_0001";
        var details = Path.Combine(taskDir, "ds_details.jsonl");
        var sb = new StringBuilder();
        var uuids = new List<string>();
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var uuid = $"{pod:x8}{i:x24}";
            uuids.Add(uuid);
            var line = new Dictionary<string, object?>
            {
                ["data_abbr"] = "ds",
                ["id"] = i,
                ["success"] = r.Success,
                ["error_info"] = r.Error,
                ["time_points"] = new Dictionary<string, object> { ["__db_ref__"] = uuid },
                ["input_tokens"] = r.InputTokens,
                ["output_tokens"] = r.OutputTokens,
                ["extra_perf_data"] = new Dictionary<string, object>(),
                ["extra_details_data"] = new Dictionary<string, object>(),
                ["input"] = "A A A",
                ["uuid"] = uuid,
                ["turn_id"] = 0,
                ["data_id"] = null,
                ["prediction"] = r.Prediction,
                ["db_name"] = dbName,
                ["scheduled_ns"] = r.ScheduledNs,
            };
            sb.Append(JsonSerializer.Serialize(line)).Append('\n');
        }

        File.WriteAllText(details, sb.ToString());
        var parquet = Path.Combine(dbDir, dbName + ".parquet");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var values = requests.Select((r, i) => $"('{uuids[i]}', [{string.Join(",", r.TimePoints())}]::BIGINT[], []::BIGINT[])");
            command.CommandText = "CREATE TABLE t (uuid VARCHAR, time_points_ns BIGINT[], server_time_points_ns BIGINT[]);"
                + (requests.Count > 0 ? "INSERT INTO t VALUES " + string.Join(",", values) + ";" : "")
                + $"COPY t TO '{parquet}' (FORMAT parquet);";
            command.ExecuteNonQuery();
        }

        var success = requests.Count(r => r.Success);
        var task = new PodTaskFiles(model, "ds", concurrency, new PodRecordCounts(requests.Count, success, requests.Count - success), [details, parquet]);
        var manifest = PodManifest.Create(RunDir, pod, PlanHash, new PodClock(1000, 1_767_225_600_000_000_000), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), [task], new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero), "host-a");
        if (publish)
        {
            PodManifestWriter.Write(RunDir, manifest);
        }

        return manifest;
    }

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
