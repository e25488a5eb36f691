using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using PodBench.Dsl;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Simulation;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>
/// Function-call chat and the reference-shaped multi-turn preset against the simulator: tools sent, tool calls
/// recorded, token counts, the first tool-call delta as the first content reading, the history the server receives.
/// </summary>
public sealed class FunctionCallRunTests : IDisposable
{
    private static readonly SimulatorOptions Options = SimulatorOptions.Default with
    {
        BaseTtft = TimeSpan.FromMilliseconds(2),
        PrefillPerToken = TimeSpan.FromMilliseconds(0.1),
        DecodePerToken = TimeSpan.FromMilliseconds(1),
    };

    private static readonly ToolFunction Weather = new("get_weather")
    {
        Description = "The weather in a city",
        Parameters = """{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}""",
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-tools-" + Guid.NewGuid().ToString("N")[..8]);

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
    public async Task Streamed_tool_calls_are_recorded_counted_and_timed_from_the_first_tool_call_delta()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        var model = ModelEndpoint.StreamFunctionCallChat("m") with { Tools = [new ToolFunction("lookup"), Weather], ToolChoice = "get_weather" };
        var dataset = new SyntheticDataset("syn") { RequestCount = 4, Input = Length.Uniform(8, 8), Output = Length.Uniform(5, 5) };

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), dataset, _dir, "r", model: model);

        Assert.True(exit == 0, console);
        Assert.All(server.Stats.GetRequests(), r => Assert.Equal((200, 2, "get_weather"), (r.Status, r.Tools, r.ToolCall)));
        var details = Details("syn");
        Assert.Equal(4, details.Count);
        foreach (var d in details)
        {
            Assert.True(d.GetProperty("success").GetBoolean(), d.GetProperty("error_info").GetString());
            Assert.Equal(5, d.GetProperty("output_tokens").GetInt32());
            Assert.Equal("", d.GetProperty("prediction").GetString());
            var call = Assert.Single(d.GetProperty("tool_calls").EnumerateArray().ToList());
            Assert.Equal("get_weather", call.GetProperty("name").GetString());
            Assert.StartsWith("chatcmpl-tool-", call.GetProperty("id").GetString(), StringComparison.Ordinal);
            // the five streamed pieces joined: valid JSON again
            Assert.Equal(" the of and to a", JsonDocument.Parse(call.GetProperty("arguments").GetString()!).RootElement.GetProperty("text").GetString());
        }

        var merged = RunMerger.Merge(new MergeOptions { RunDirectory = Path.Combine(_dir, "r") });
        using (var connection = new DuckDBConnection("Data Source=" + merged.DatabasePath + ";ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // send, role chunk, 5 tool-call deltas, usage chunk: the deltas are the content readings
            command.CommandText = "SELECT min(readings), max(readings), min(content_readings), max(content_readings), bool_and(content_first_ns >= first_ns AND content_first_ns > start_ns) FROM records";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal((8L, 8L, 5L, 5L, true), (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)), Convert.ToInt64(reader.GetValue(3)), reader.GetBoolean(4)));
        }

        // the gaps themselves are not asserted: on busy cores events can arrive in one read and share a reading
        Assert.Contains(merged.Merged.Metrics, m => m.Metric == "TTFT" && m.N == 4);
    }

    [Fact]
    public async Task A_bfcl_file_sends_each_lines_own_tools_without_streaming_and_records_the_call()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "bfcl.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id": "simple_0", "question": [[{"role": "user", "content": "Area of a triangle, base 10, height 5?"}]], "function": [{"name": "math.triangle_area", "description": "Area.", "parameters": {"type": "dict", "properties": {"base": {"type": "integer"}, "height": {"type": "float"}}, "required": ["base", "height"]}}]}""",
            """{"id": "own_1", "prompt": "Weather in Paris?", "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}}}], "output_len": 3}""",
        ]);
        var model = ModelEndpoint.FunctionCallChat("m") with { MaxOutLen = 4 };

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), new FunctionCallDataset("bfcl", file), _dir, "r", model: model);

        Assert.True(exit == 0, console);
        var details = Details("bfcl").OrderBy(d => d.GetProperty("data_id").GetString()).ToList();
        Assert.Equal(["own_1", "simple_0"], details.Select(d => d.GetProperty("data_id").GetString()));
        Assert.Equal(["get_weather", "math_triangle_area"], details.Select(d => d.GetProperty("tool_calls")[0].GetProperty("name").GetString()));
        Assert.Equal([3, 4], details.Select(d => d.GetProperty("output_tokens").GetInt32()));
        Assert.All(details, d => Assert.False(d.GetProperty("extra_perf_data").GetProperty("stream").GetBoolean()));
        Assert.All(server.Stats.GetRequests(), r => Assert.Equal((200, 1, false), (r.Status, r.Tools, r.Stream)));
    }

    [Fact]
    public async Task The_reference_multi_turn_preset_sends_the_history_the_simulator_checks()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        var dataset = new MultiTurnDataset("mtbench") { Sessions = 2, Turns = 3, Input = Length.Fixed(4), Output = Length.Fixed(2) };

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), dataset, _dir, "r", model: ModelEndpoint.StreamChatMultiTurn("m"));

        Assert.True(exit == 0, console);
        Assert.Equal([(1, 200), (1, 200), (3, 200), (3, 200), (5, 200), (5, 200)], server.Stats.GetRequests().Select(r => (r.Messages, r.Status)).Order());
        Assert.Equal([0, 0, 1, 1, 2, 2], Details("mtbench").Select(d => d.GetProperty("turn_id").GetInt32()).Order());

        // a history that does not alternate is what a chat template refuses: the simulator answers 400 with the reason
        using var http = new HttpClient();
        var body = """{"model": "qwen", "messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}], "max_tokens": 2}""";
        using var response = await http.PostAsync(new Uri(server.BaseUrl, "/v1/chat/completions"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("messages[1]: Conversation roles must alternate user/assistant/user/assistant/...", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mtbench_file_sends_each_question_as_a_session_with_the_endpoints_max_out_len()
    {
        await using var server = await SimulatorServer.StartAsync(Options);
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "question.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"question_id": 81, "category": "writing", "prompt": ["Compose a travel blog post about Hawaii.", "Rewrite it starting every sentence with A."]}""",
            """{"question_id": 111, "category": "math", "turns": ["Area of the triangle (0,0), (-1,1), (3,3)?", "Area of its circumscribed circle?"], "reference": ["3", "5pi"]}""",
            """{"question_id": 200, "category": "stem", "prompt": ["One turn only."]}""",
        ]);
        var model = ModelEndpoint.StreamChatMultiTurn("m") with { MaxOutLen = 6 };

        var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), new MtBenchDataset("mtbench", file), _dir, "r", model: model);

        Assert.True(exit == 0, console);
        Assert.Equal(
            [("111", 0), ("111", 1), ("200", 0), ("81", 0), ("81", 1)],
            Details("mtbench").Select(d => (d.GetProperty("data_id").GetString()!, d.GetProperty("turn_id").GetInt32())).Order());
        // the reference's max_out_len on every turn; a second turn carries the first question and the server's reply
        Assert.All(server.Stats.GetRequests(), r => Assert.Equal((200, 6), (r.Status, r.MaxTokens)));
        Assert.Equal([1, 1, 1, 3, 3], server.Stats.GetRequests().Select(r => r.Messages).Order());
        var second = Details("mtbench").Single(d => d.GetProperty("data_id").GetString() == "111" && d.GetProperty("turn_id").GetInt32() == 1);
        var sent = JsonDocument.Parse(second.GetProperty("input").GetString()!).RootElement;
        Assert.Equal("Area of the triangle (0,0), (-1,1), (3,3)?", sent[0].GetProperty("content").GetString());
        Assert.Equal("Area of its circumscribed circle?", sent[2].GetProperty("content").GetString());

        File.WriteAllLines(file, ["""{"question_id": 1, "prompt": []}""", """{"question_id": 2}"""]);
        var e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(new MtBenchDataset("mtbench", file), model, ".", null, null));
        Assert.Contains("question.jsonl(1): \"prompt\" must be a non-empty array of non-empty strings, found []", e.Message, StringComparison.Ordinal);
        Assert.Contains("question.jsonl(2): \"prompt\" (or \"turns\") is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_function_call_lines_are_named_by_line_and_tools_need_a_chat_endpoint()
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllLines(file,
        [
            """{"question": [[{"role": "user", "content": "q"}]]}""",
            """{"prompt": "p", "tools": [{"type": "function", "function": {"parameters": {}}}]}""",
            """{"question": [[{"role": "system", "content": "s"}]], "function": [{"name": "f"}]}""",
        ]);
        var e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(new FunctionCallDataset("fc", file), ModelEndpoint.FunctionCallChat("m"), ".", null, null));
        Assert.Contains("bad.jsonl(1): \"function\" (or \"tools\") is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl(2): tools[0] must be an object with a string \"name\" and an object \"parameters\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl(3): \"question\" must hold a turn of messages with a user message", e.Message, StringComparison.Ordinal);

        File.WriteAllLines(file, ["""{"prompt": "p", "function": {"name": "f"}}"""]);
        e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(new FunctionCallDataset("fc", file), ModelEndpoint.StreamCompletions("c"), ".", null, null));
        Assert.Equal("dataset \"fc\" carries tools, which only the chat API sends: model \"c\" must be a chat endpoint (ModelEndpoint.FunctionCallChat, StreamChat or Chat), not StreamCompletions", e.Message);
    }
}
