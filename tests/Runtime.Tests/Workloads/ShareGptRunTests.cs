using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using PodBench.Runtime.Tests.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>The runner's <c>run</c> verb on a ShareGPT plan against the built-in simulator.</summary>
public sealed class ShareGptRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-sharegpt-" + Guid.NewGuid().ToString("N")[..8]);

    public ShareGptRunTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Entry(string id, string prompt, string answer) =>
        JsonSerializer.Serialize(new { id, conversations = new[] { new { from = "human", value = prompt }, new { from = "gpt", value = answer } } });

    private (int Exit, string Console) Run(ShareGptDataset dataset, string url) => OnePodRun.Run(url, dataset, Path.Combine(_dir, "out"), "r");

    [Fact]
    public async Task A_sharegpt_plan_sends_the_drawn_prompts_with_their_answer_lengths()
    {
        await using var server = await SimulatorServer.StartAsync(EngineSimulatorTests.Quick);
        var file = Path.Combine(_dir, "chats.json");
        var entries = Enumerable.Range(0, 12).Select(i => Entry("c" + i, $"question number {i} about things", string.Join(' ', Enumerable.Repeat("w", 2 + i)))).ToList();
        entries.Add("""{"id": "lonely", "conversations": [{"from": "human", "value": "no reply"}]}""");
        await File.WriteAllTextAsync(file, "[\n" + string.Join(",\n", entries) + "\n]\n");

        var (exit, console) = Run(new ShareGptDataset("chats", file) { MaxOutputLen = 10, SampleCount = 5, Seed = 3 }, server.BaseUrl.ToString());

        Assert.True(exit == 0, console);
        Assert.Contains("dataset \"chats\": 5 of 13 entries, 1 without a human turn followed by a model turn", console);
        var details = File.ReadAllLines(Path.Combine(_dir, "out", "r", "performances", "m", "chats_details.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, details.Count);
        Assert.All(details, d => Assert.True(d.GetProperty("success").GetBoolean(), d.GetProperty("error_info").GetString()));
        var sent = details.Select(d => (Id: d.GetProperty("data_id").GetString()!, Input: d.GetProperty("input").GetString()!, Output: d.GetProperty("output_tokens").GetInt64())).ToList();
        Assert.Equal(5, sent.Select(s => s.Id).Distinct().Count());
        foreach (var (id, input, output) in sent)
        {
            var i = int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"question number {i} about things", input);
            Assert.True(2 + i <= 10, $"{id} passed the output filter with {2 + i} words");
            Assert.Equal(2 + i, output);
        }
    }

    [Fact]
    public async Task A_sharegpt_file_with_malformed_entries_stops_the_task_naming_each_line()
    {
        await using var server = await SimulatorServer.StartAsync(EngineSimulatorTests.Quick);
        var file = Path.Combine(_dir, "bad.jsonl");
        await File.WriteAllLinesAsync(file, [Entry("a", "fine", "ok"), """{"conversations": [{"from": "human", "value": 12}]}""", Entry("b", "fine", "ok"), "{\"conversations\": [", """{"dialog": []}"""]);

        var (exit, console) = Run(new ShareGptDataset("bad", file), server.BaseUrl.ToString());

        Assert.NotEqual(0, exit);
        Assert.Contains(file + "(2): \"conversations\"[0].\"value\" must be a string, found a number", console);
        Assert.Contains(file + "(4): not valid JSON", console);
        Assert.Contains(file + "(5): \"conversations\" is missing", console);
        Assert.Equal(0, server.Stats.RequestsReceived);
    }
}
