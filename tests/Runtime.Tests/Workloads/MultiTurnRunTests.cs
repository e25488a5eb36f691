using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using PodBench.Dsl;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Simulation;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>Multi-turn sessions against the simulator: turn ids, the history sent, think time, per-turn metrics.</summary>
public sealed class MultiTurnRunTests : IDisposable
{
    private static readonly SimulatorOptions Options = SimulatorOptions.Default with
    {
        BaseTtft = TimeSpan.FromMilliseconds(2),
        PrefillPerToken = TimeSpan.FromMilliseconds(0.5),
        DecodePerToken = TimeSpan.FromMilliseconds(1),
        PrefixCache = new SimulatorPrefixCache { BlockTokens = 4 },
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-multiturn-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private List<JsonElement> Details(string dataset) =>
        File.ReadAllLines(Path.Combine(_dir, "r", "performances", "m", dataset + "_details.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public async Task Sessions_send_their_turns_in_order_with_the_history_after_the_think_time_and_report_metrics_per_turn()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        var think = TimeSpan.FromMilliseconds(150);
        var dataset = new MultiTurnDataset("chat") { Sessions = 3, Turns = 3, Input = Length.Fixed(6), Output = Length.Fixed(3), ThinkTime = think };

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), dataset, _dir, "r", concurrency: 2);

        Assert.True(exit == 0, console);
        var details = Details("chat");
        Assert.Equal(9, details.Count);
        Assert.All(details, d => Assert.True(d.GetProperty("success").GetBoolean(), d.GetProperty("error_info").GetString()));
        var sessions = details.GroupBy(d => d.GetProperty("id").GetInt64()).OrderBy(g => g.Key).ToList();
        Assert.Equal([0L, 1L, 2L], sessions.Select(s => s.Key));
        foreach (var session in sessions)
        {
            var turns = session.OrderBy(d => d.GetProperty("turn_id").GetInt32()).ToList();
            Assert.Equal([0, 1, 2], turns.Select(d => d.GetProperty("turn_id").GetInt32()));
            var first = turns[0];
            Assert.Equal(6, first.GetProperty("input").GetString()!.Split(' ').Length);
            for (var k = 1; k < turns.Count; k++)
            {
                // turn k sent k user messages and k replies before its own: 2k + 1 messages, each reply the server's own
                var messages = JsonDocument.Parse(turns[k].GetProperty("input").GetString()!).RootElement.EnumerateArray().ToList();
                Assert.Equal((2 * k) + 1, messages.Count);
                Assert.Equal(first.GetProperty("prediction").GetString(), messages[1].GetProperty("content").GetString());
                Assert.Equal(turns[k - 1].GetProperty("prediction").GetString(), messages[^2].GetProperty("content").GetString());
                Assert.Equal(["user", "assistant", "user"], messages.TakeLast(3).Select(m => m.GetProperty("role").GetString()));
                // the history hit the simulator's prefix cache
                Assert.True(turns[k].GetProperty("extra_perf_data").GetProperty("cached_tokens").GetInt32() > 0);
            }
        }

        // server side: what each request carried (its count of requests in flight is no measure of sessions: a session
        // holds its slot through the think time, and the server leaves a request only after the client has its end)
        Assert.Equal([1, 1, 1, 3, 3, 3, 5, 5, 5], server.Stats.GetRequests().Select(r => r.Messages).Order());

        var merged = RunMerger.Merge(new MergeOptions { RunDirectory = Path.Combine(_dir, "r") });
        using (var connection = new DuckDBConnection("Data Source=" + merged.DatabasePath + ";ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // the gap between a turn's send and the previous turn's last reading, per session
            command.CommandText = """
                SELECT min(start_ns - prev_end) FROM (
                    SELECT start_ns, lag(end_ns) OVER (PARTITION BY id ORDER BY turn_id) AS prev_end FROM records)
                WHERE prev_end IS NOT NULL
                """;
            var gap = (long)command.ExecuteScalar()!;
            Assert.True(gap >= (long)think.TotalMilliseconds * 1_000_000, $"a turn was sent {gap} ns after the previous reply");

            // a session holds its slot from its first send to its last reading: never more at once than the concurrency
            command.CommandText = """
                WITH spans AS (SELECT id, min(start_ns) AS s, max(end_ns) AS e FROM records GROUP BY id)
                SELECT max((SELECT count(*) FROM spans o WHERE o.s <= x.s AND o.e > x.s)) FROM spans x
                """;
            Assert.Equal(2L, (long)command.ExecuteScalar()!);
        }

        foreach (var summary in new[] { merged.Merged, merged.Document.Tasks.Single() })
        {
            Assert.Equal(["turn 0", "turn 1", "turn 2"], summary.Turns.Where(t => t.Metric == "TTFT").Select(t => t.Stage));
            Assert.All(summary.Turns.Where(t => t.Metric == "E2EL"), t => Assert.Equal(3, t.N));
            // 3 template tokens for the reply, 5 per message: 3 + (5 + 6), then + (5 + 3) + (5 + 6) per earlier turn
            Assert.Equal([14.0, 33.0, 52.0], summary.Turns.Where(t => t.Metric == "InputTokens").Select(t => t.Values.Single(v => v.Key == "Average").Value));
        }

        var markdown = File.ReadAllText(ReportRenderer.Render(Path.Combine(_dir, "r"), new ReportOptions { AppendStepSummary = false }).MarkdownPath);
        Assert.Contains("| turn 2 | TTFT |", markdown, StringComparison.Ordinal);
        Assert.Contains("Per-turn Metric (PodBench)", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multi_turn_sharegpt_file_sends_each_conversation_as_a_session_with_the_files_answer_lengths()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "chats.jsonl");
        static string Turn(string from, int words) => JsonSerializer.Serialize(new { from, value = string.Join(' ', Enumerable.Repeat(from[..1], words)) });
        await File.WriteAllLinesAsync(file,
        [
            "{\"id\": \"long\", \"conversations\": [" + string.Join(", ", Turn("human", 4), Turn("gpt", 2), Turn("human", 5), Turn("gpt", 3), Turn("human", 6), Turn("gpt", 4)) + "]}",
            "{\"id\": \"short\", \"conversations\": [" + string.Join(", ", Turn("human", 4), Turn("gpt", 2)) + "]}",
        ]);

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), new ShareGptDataset("sg", file) { MultiTurn = true }, _dir, "r");

        Assert.True(exit == 0, console);
        var details = Details("sg");
        Assert.Equal(
            [("long", 0, 2L), ("long", 1, 3L), ("long", 2, 4L), ("short", 0, 2L)],
            details.Select(d => (d.GetProperty("data_id").GetString()!, d.GetProperty("turn_id").GetInt32(), d.GetProperty("output_tokens").GetInt64())).Order());
        Assert.Equal([2, 2, 3, 4], server.Stats.GetRequests().Select(r => r.MaxTokens ?? 0).Order());
    }

    [Fact]
    public void Sessions_need_a_chat_endpoint_and_sane_sizes()
    {
        var e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(new MultiTurnDataset("mt"), ModelEndpoint.StreamCompletions("c"), ".", null, null));
        Assert.Equal("dataset \"mt\" has multi-turn sessions, which carry their history as chat messages: model \"c\" must be a chat endpoint (ModelEndpoint.StreamChat or Chat), not StreamCompletions", e.Message);
        e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(new MultiTurnDataset("mt") { Turns = 0 }, ModelEndpoint.StreamChat("c"), ".", null, null));
        Assert.Equal("dataset \"mt\": Turns must be in 1..1024, got 0", e.Message);
        e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(new MultiTurnDataset("mt") { ThinkTime = TimeSpan.FromSeconds(-1) }, ModelEndpoint.StreamChat("c"), ".", null, null));
        Assert.Equal("dataset \"mt\": ThinkTime must not be negative, got -00:00:01", e.Message);
        var rows = DatasetLoader.Load(new MultiTurnDataset("mt") { Sessions = 2, Turns = 3, Input = Length.Fixed(5) }, ModelEndpoint.StreamChat("c"), ".", null, null);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(2, r.Session!.LaterTurns.Count));
        Assert.Equal(6, rows.SelectMany(r => r.Session!.LaterTurns.Select(t => t.Prompt).Prepend(r.Prompt)).Distinct().Count());
    }
}
