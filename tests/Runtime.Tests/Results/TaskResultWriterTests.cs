using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Results;

public sealed class TaskResultWriterTests
{
    [Fact]
    public async Task Details_line_has_the_reference_keys_in_order_and_no_secret()
    {
        using var run = new TempRun();
        var r = TempRun.Ms(7, 12, 3, 0, 10, 20, 30);
        await run.WriteAsync([r]);

        var line = File.ReadAllLines(run.Layout.DetailsFile("m", "d")).Single();
        using var doc = JsonDocument.Parse(line);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["data_abbr", "id", "success", "error_info", "time_points", "input_tokens", "output_tokens", "extra_perf_data", "extra_details_data", "input", "uuid", "turn_id", "data_id", "prediction", "db_name"], keys);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("time_points").GetProperty("__db_ref__").GetInt64());
        Assert.Equal(7, root.GetProperty("id").GetInt64());
        Assert.Equal(r.Uuid, root.GetProperty("uuid").GetString());
        Assert.Matches(@"^pod0_[0-9a-f]{8}\.db$", root.GetProperty("db_name").GetString());
        Assert.Equal(["model_abbr", "pod", "scheduled_ns", "usage_source", "attempts", "http_status", "stream"], root.GetProperty("extra_perf_data").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(0, new FileInfo(run.Layout.FailedFile("m", "d")).Length);
        Assert.DoesNotContain("Bearer", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Failures_go_to_the_failed_file_too_and_warm_ups_nowhere()
    {
        using var run = new TempRun();
        var warm = TempRun.Ms(99, 1, 1, 0, 1);
        await run.WriteAsync(
        [
            new RequestRecord { ModelAbbr = "m", DataAbbr = "d", Id = 99, Uuid = warm.Uuid, Success = true, WarmUp = true, TimePointsNs = warm.TimePointsNs },
            TempRun.Ms(0, 1, 1, 0, 5),
            TempRun.Failed(1, "HTTP 429: slow down", 3),
        ]);

        Assert.Equal(2, File.ReadAllLines(run.Layout.DetailsFile("m", "d")).Length);
        var failed = File.ReadAllLines(run.Layout.FailedFile("m", "d")).Single();
        using var doc = JsonDocument.Parse(failed);
        Assert.Equal(["data_abbr", "id", "input", "error_info"], doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("HTTP 429: slow down", doc.RootElement.GetProperty("error_info").GetString());
        Assert.DoesNotContain(warm.Uuid, File.ReadAllText(run.Layout.DetailsFile("m", "d")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_converts_the_journal_to_parquet_keeping_every_row()
    {
        using var run = new TempRun();
        var writer = TaskResultWriter.Open(run.Layout, 0, "m", "d");
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
            await writer.WriteAsync(TempRun.Ns(i, 1, 3, 0, 1000 + i, 2000 + i, 3000 + (2 * i))))));
        Assert.True(File.Exists(writer.JournalPath));
        Assert.Equal(200, File.ReadAllLines(writer.JournalPath).Length); // flushed before WriteAsync completed
        await writer.CompleteAsync();

        Assert.False(File.Exists(writer.JournalPath));
        Assert.True(File.Exists(writer.ParquetPath));
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT count(*), count(DISTINCT row), min(row), max(row), sum(len(time_points_ns)), min(db_name) FROM read_parquet('{writer.ParquetPath}')";
        using var reader = cmd.ExecuteReader();
        reader.Read();
        Assert.Equal(200L, reader.GetInt64(0));
        Assert.Equal(200L, reader.GetInt64(1));
        Assert.Equal(1L, reader.GetInt64(2));
        Assert.Equal(200L, reader.GetInt64(3));
        Assert.Equal(800L, (long)(System.Numerics.BigInteger)reader.GetValue(4));
        Assert.Equal(writer.DbName, reader.GetString(5));

        // Every details line joins to its readings.
        RecordViews.CreateTaskView(conn, run.Layout, "m", "d");
        using var check = conn.CreateCommand();
        check.CommandText = "SELECT count(*) FILTER (WHERE success AND len(time_points_ns) = 4), count(DISTINCT uuid) FROM requests";
        using var r2 = check.ExecuteReader();
        r2.Read();
        Assert.Equal(200L, r2.GetInt64(0));
        Assert.Equal(200L, r2.GetInt64(1));

        // The time points are delta-encoded (Parquet V2): the merge decodes every reading three times.
        using var encoding = conn.CreateCommand();
        encoding.CommandText = $"SELECT DISTINCT encodings, compression FROM parquet_metadata('{writer.ParquetPath}') WHERE path_in_schema LIKE 'time_points_ns%'";
        using var r3 = encoding.ExecuteReader();
        Assert.True(r3.Read());
        Assert.Contains("DELTA_BINARY_PACKED", r3.GetValue(0).ToString(), StringComparison.Ordinal);
        Assert.Equal("SNAPPY", r3.GetValue(1).ToString());
        Assert.False(r3.Read());
    }

    /// <summary>A killed process leaves torn last lines and a journal: readers skip the torn lines and use the journal.</summary>
    [Fact]
    public async Task Records_queued_together_are_appended_as_whole_lines_in_row_order()
    {
        using var run = new TempRun();
        var writer = TaskResultWriter.Open(run.Layout, 0, "m", "d");
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
            await writer.WriteAsync(i % 3 == 0 ? TempRun.Failed(i, "HTTP 500: boom " + i, 1) : TempRun.Ns(i, 1, 3, 0, 1000 + i, 2000 + i)))));

        // batches of whatever queued during a write: every line whole, each row once, rows in file order
        var journalRows = File.ReadAllLines(writer.JournalPath).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("row").GetInt64()).ToArray();
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), journalRows);
        var details = File.ReadAllLines(run.Layout.DetailsFile("m", "d")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), details.Select(d => d.GetProperty("time_points").GetProperty("__db_ref__").GetInt64()));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i).Order(), details.Select(d => d.GetProperty("id").GetInt64()).Order());
        var failed = File.ReadAllLines(run.Layout.FailedFile("m", "d")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64()).Order();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 3L), failed);
        Assert.Equal(100, writer.Failed);
        Assert.Equal(300, writer.Written);
        await writer.CompleteAsync();
    }

    [Fact]
    public async Task Torn_last_lines_and_a_leftover_journal_are_tolerated()
    {
        using var run = new TempRun();
        await run.WriteAsync(
        [
            TempRun.Ms(0, 10, 3, 0, 100, 150, 200),
            TempRun.Ms(1, 10, 3, 50, 150, 200, 250),
        ], complete: false);
        var journal = Directory.GetFiles(run.Layout.DbDataFolder("m"), "*.jsonl").Single();
        File.AppendAllText(journal, "{\"row\":3,\"uuid\":\"abc\",\"time_points_ns\":[17640000");
        File.AppendAllText(run.Layout.DetailsFile("m", "d"), "{\"data_abbr\":\"d\",\"id\":2,\"success\":tr");

        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", new SummaryRequest { Scope = "m/d", MaxConcurrency = 2 });
        Assert.Equal("2", CompatibleFormat.Global(s.Globals.Single(g => g.Key == "Total Requests" && g.Stage == "total")));
        Assert.Equal("250.0 ms", CompatibleFormat.Global(s.Globals.Single(g => g.Key == "Benchmark Duration" && g.Stage == "total")));

        // A rerun appends after the torn line without gluing onto it.
        await run.WriteAsync([TempRun.Ms(2, 10, 3, 300, 400, 450, 500)]);
        var s2 = TaskSummaries.SummarizeTask(run.Layout, "m", "d", new SummaryRequest { Scope = "m/d", MaxConcurrency = 2 });
        Assert.Equal("3", CompatibleFormat.Global(s2.Globals.Single(g => g.Key == "Total Requests" && g.Stage == "total")));
        Assert.Equal("500.0 ms", CompatibleFormat.Global(s2.Globals.Single(g => g.Key == "Benchmark Duration" && g.Stage == "total")));
    }

    [Fact]
    public async Task A_success_whose_readings_are_lost_counts_as_failed()
    {
        using var run = new TempRun();
        await run.WriteAsync([TempRun.Ms(0, 10, 3, 0, 100, 150, 200), TempRun.Ms(1, 10, 3, 0, 100, 150, 300)], complete: false);
        var journal = Directory.GetFiles(run.Layout.DbDataFolder("m"), "*.jsonl").Single();
        File.WriteAllLines(journal, File.ReadAllLines(journal).Take(1));

        var s = TaskSummaries.SummarizeTask(run.Layout, "m", "d", new SummaryRequest { Scope = "m/d" });
        Assert.Equal([new FailureCount("time points missing from db_data", 1)], s.Failures);
        Assert.Equal("1", CompatibleFormat.Global(s.Globals.Single(g => g.Key == "Success Requests")));
    }

    [Fact]
    public async Task ReadFinished_lists_this_pods_successes_for_reuse()
    {
        using var run = new TempRun();
        Assert.Empty(TaskResultWriter.ReadFinished(run.Layout, 0, "m", "d"));
        var ok = TempRun.Ms(4, 1, 2, 0, 1, 2);
        await run.WriteAsync([ok, TempRun.Failed(5, "HTTP 500", 0)]);
        var other = TaskResultWriter.Open(run.Layout, 1, "m", "d");
        await other.WriteAsync(new RequestRecord { ModelAbbr = "m", DataAbbr = "d", Pod = 1, Id = 6, Uuid = "f00d", Success = true, TimePointsNs = [1, 2] });
        await other.CompleteAsync();

        var finished = TaskResultWriter.ReadFinished(run.Layout, 0, "m", "d");
        Assert.Equal([new FinishedRequest(4, ok.Uuid)], finished);
        Assert.Equal([new FinishedRequest(6, "f00d")], TaskResultWriter.ReadFinished(run.Layout, 1, "m", "d"));
    }

    [Fact]
    public async Task A_record_of_another_task_is_refused()
    {
        using var run = new TempRun();
        var writer = TaskResultWriter.Open(run.Layout, 0, "m", "d");
        var r = TempRun.Ms(0, 1, 1, 0, 1);
        var wrong = new RequestRecord { ModelAbbr = "m", DataAbbr = "other", Id = 0, Uuid = r.Uuid, Success = true };
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.WriteAsync(wrong));
        await writer.CompleteAsync();
    }

    [Fact]
    public void Views_over_many_files_and_the_tasks_table()
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        RecordViews.CreateRequestsView(conn, [], []);
        RecordViews.CreateTasksTable(conn, [("a", "x", 0, 4), ("b", "x", 1, 8)]);
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT (SELECT count(*) FROM requests), (SELECT sum(concurrency) FROM tasks)";
        using var r = cmd.ExecuteReader();
        r.Read();
        Assert.Equal(0L, r.GetInt64(0));
        Assert.Equal(12L, (long)(System.Numerics.BigInteger)r.GetValue(1));
        Assert.Throws<FileNotFoundException>(() => RecordViews.CreateRequestsView(conn, ["/nonexistent/x_details.jsonl"], []));
    }
}
