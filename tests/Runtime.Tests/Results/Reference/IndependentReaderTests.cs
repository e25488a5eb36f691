using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;
using PodBench.Runtime.Results.Reference;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Results.Reference;

/// <summary>
/// A run folder written by the real engine against the simulator over loopback (some requests failing), read back by
/// Debian's Python with sqlite3 and NumPy the way the reference reads its own folders: every request, every blob and
/// the reference's figures agree with ours.
/// </summary>
public sealed class IndependentReaderTests
{
    private const int Requests = 24;

    [Fact]
    public async Task Python_sqlite3_and_numpy_read_our_run_folder_and_get_our_numbers_back()
    {
        using var run = new TempRun();
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with
        {
            Fault = SimulatorFault.Http500,
            FaultRate = 0.25,
            BaseTtft = TimeSpan.FromMilliseconds(2),
            DecodePerToken = TimeSpan.FromMilliseconds(1),
        });
        var writer = TaskResultWriter.Open(run.Layout, 0, "m", "d");
        var model = ModelEndpoint.StreamChat("m") with { Model = "qwen", Concurrency = 4, Retry = 1 };
        // Quotes, a backslash, a control character, a newline and non-ASCII text: escaped as Python escapes them.
        var rows = Enumerable.Range(0, Requests).Select(i => new PromptRow(i, $"A \"q{i}\" \\ \u0001 é 中文\nA", MaxTokens: 6 + (i % 5))).ToArray();
        var outcome = await TaskRunner.RunAsync(
            new TaskRunRequest { Task = new TaskSpec(model, new SyntheticDataset("d"), 0), BaseUrl = server.BaseUrl, Rows = rows, Run = RunOptions.Default with { WarmUp = 0 }, Clock = new PodClock() },
            writer,
            null,
            CancellationToken.None);
        await writer.CompleteAsync();
        Assert.True(outcome.Failed > 0 && outcome.Succeeded > 0, $"{outcome.Failed} failed, {outcome.Succeeded} succeeded: the test needs both");

        using var doc = JsonDocument.Parse(await DebianPython.RunAsync("read_run.py", run.Root));
        var python = doc.RootElement;
        var ours = OurRecords(run.Layout);

        // Counts: one blob per details line, every line read, the failures found by grep.
        Assert.Equal(Requests, ours.Count);
        Assert.Equal(Requests, python.GetProperty("blobs").GetProperty(writer.DbName).GetInt32());
        Assert.Equal(outcome.Failed, python.GetProperty("grep_failed").GetInt32());
        var read = python.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(Requests, read.Count);
        foreach (var r in read)
        {
            var mine = ours[r.GetProperty("uuid").GetString()!];
            Assert.Equal(mine.Id, r.GetProperty("id").GetInt64());
            Assert.Equal(mine.Id, r.GetProperty("data_id").GetInt64());
            Assert.Equal(mine.Success, r.GetProperty("success").GetBoolean());
            var seconds = r.GetProperty("time_points").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(ReferenceDbData.Seconds(mine.TimePointsNs), seconds);
            Assert.All(seconds.Zip(mine.TimePointsNs), p => Assert.InRange((p.First * 1e9) - (p.Second - ReferenceDbData.EpochUtcNs), -20, 20));
        }

        // The reference's formulas over NumPy's arrays give our figures (to float64's resolution at these values).
        var summary = TaskSummaries.SummarizeTask(run.Layout, "m", "d", new SummaryRequest { Scope = "m/d", Statistics = ["Average", "Max", "Median", "P90", "P99"], Stable = false });
        var figures = python.GetProperty("figures");
        foreach (var metric in new[] { "E2EL", "TTFT", "ITL" })
        {
            var row = summary.Metrics.Single(m => m.Metric == metric && m.Stage == "total");
            foreach (var stat in figures.GetProperty(metric).EnumerateObject())
            {
                Assert.Equal(row.Values.Single(v => v.Key == stat.Name).Value, stat.Value.GetDouble(), 1e-7);
            }
        }

        var duration = summary.Globals.Single(g => g.Key == "Benchmark Duration" && g.Stage == "total").Value;
        Assert.Equal(duration, figures.GetProperty("Benchmark Duration").GetDouble(), 1e-4);
    }

    private static Dictionary<string, RequestRecord> OurRecords(RunLayout layout)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        RecordViews.CreateTaskView(conn, layout, "m", "d");
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT uuid, id, success, coalesce(time_points_ns, []), data_id FROM requests";
        using var reader = cmd.ExecuteReader();
        var records = new Dictionary<string, RequestRecord>(StringComparer.Ordinal);
        while (reader.Read())
        {
            // Our own reader reads data_id (a number now) as text.
            Assert.Equal(reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(4));
            records[reader.GetString(0)] = new RequestRecord
            {
                ModelAbbr = "m",
                DataAbbr = "d",
                Uuid = reader.GetString(0),
                Id = reader.GetInt64(1),
                Success = reader.GetBoolean(2),
                TimePointsNs = reader.GetFieldValue<List<long>>(3).ToArray(),
            };
        }

        return records;
    }
}
