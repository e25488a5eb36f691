using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

public sealed class PromptFileDatasetTests : IDisposable
{
    private static readonly ModelEndpoint Model = ModelEndpoint.StreamChat("m");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-promptfiles-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _notices = new();

    public PromptFileDatasetTests() => Directory.CreateDirectory(Path.Combine(_dir, "data"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<PromptRow> Load(PromptFileDataset dataset, string content, HfTokenizer? tokenizer = null, int? numPrompts = null)
    {
        File.WriteAllText(Path.Combine(_dir, dataset.Path), content, new UTF8Encoding(false));
        return DatasetLoader.Load(dataset, Model, _dir, tokenizer, numPrompts, _notices.Add);
    }

    private static string Turn(string from, string value) => $$"""{"from": "{{from}}", "value": "{{value}}"}""";

    private static string Entry(params string[] turns) => $$"""{"conversations": [{{string.Join(", ", turns)}}]}""";

    [Fact]
    public void ShareGpt_array_takes_the_first_human_turn_and_the_length_of_the_model_turn_after_it()
    {
        var content = "[\n  " + string.Join(",\n  ", new[]
        {
            """{"id": "a1", "conversations": [{"from": "human", "value": "Hello there friend"}, {"from": "gpt", "value": "one two three four five"}, {"from": "human", "value": "more"}]}""",
            Entry(Turn("system", "be nice"), Turn("user", "Why is the sky blue"), Turn("assistant", "Rayleigh scattering")),
            Entry(Turn("human", "no answer")),
            Entry(),
        }) + "\n]\n";
        var rows = Load(new ShareGptDataset("sg", "data/sg.json"), content);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new PromptRow(0, "Hello there friend", 5, null, "a1"), rows[0]);
        Assert.Equal(new PromptRow(1, "Why is the sky blue", 2), rows[1]);
        Assert.Equal("dataset \"sg\": 2 of 4 entries, 2 without a human turn followed by a model turn", Assert.Single(_notices));
    }

    [Fact]
    public void ShareGpt_jsonl_and_array_give_the_same_rows()
    {
        var entries = new[] { Entry(Turn("human", "a b c"), Turn("gpt", "x y")), Entry(Turn("human", "d e"), Turn("gpt", "z")) };
        var fromArray = Load(new ShareGptDataset("sg", "data/sg.json"), "[" + string.Join(",", entries) + "]");
        var fromLines = Load(new ShareGptDataset("sg", "data/sg.jsonl"), string.Join("\n", entries) + "\n");
        Assert.Equal(fromArray, fromLines);
    }

    [Fact]
    public void ShareGpt_malformed_entries_are_each_named_by_line_in_an_array_file()
    {
        var content = "[\n"
            + Entry(Turn("human", "fine"), Turn("gpt", "ok")) + ",\n"
            + """{"conversation": []}""" + ",\n"
            + """{"conversations": "text"}""" + ",\n"
            + """{"conversations": [{"from": "human"}, {"from": "gpt", "value": "x"}]}""" + ",\n"
            + "\n"
            + """{"conversations": [{"from": 3, "value": "x"}]}""" + ",\n"
            + "[1]\n]";
        var e = Assert.Throws<DatasetException>(() => Load(new ShareGptDataset("sg", "data/sg.json"), content));
        Assert.Equal(
            [
                "data/sg.json(3): \"conversations\" is missing",
                "data/sg.json(4): \"conversations\" must be an array of turns, found a string",
                "data/sg.json(5): \"conversations\"[0].\"value\" must be a string, it is missing",
                "data/sg.json(7): \"conversations\"[0].\"from\" must be a string, found a number",
                "data/sg.json(8): an entry must be a JSON object, found an array",
            ],
            e.Problems);
        Assert.StartsWith("data/sg.json: 5 malformed lines:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShareGpt_malformed_json_lines_are_named_and_a_broken_array_stops_at_its_line()
    {
        var lines = Entry(Turn("human", "a"), Turn("gpt", "b")) + "\n{\"conversations\": [\n" + Entry(Turn("human", "a"), "7") + "\n";
        var e = Assert.Throws<DatasetException>(() => Load(new ShareGptDataset("sg", "data/sg.jsonl"), lines));
        Assert.Equal(2, e.Problems.Count);
        Assert.StartsWith("data/sg.jsonl(2): not valid JSON", e.Problems[0], StringComparison.Ordinal);
        Assert.Equal("data/sg.jsonl(3): \"conversations\"[1] must be an object with \"from\" and \"value\", found a number", e.Problems[1]);

        var broken = Assert.Throws<DatasetException>(() => Load(new ShareGptDataset("sg", "data/sg.json"), "[\n" + Entry(Turn("human", "a"), Turn("gpt", "b")) + ",\n{\"conversations\": [}\n]"));
        Assert.StartsWith("data/sg.json(3): not valid JSON at column", Assert.Single(broken.Problems), StringComparison.Ordinal);

        var trailing = Assert.Throws<DatasetException>(() => Load(new ShareGptDataset("sg", "data/sg.json"), "[\n" + Entry(Turn("human", "a"), Turn("gpt", "b")) + "\n]\n[]"));
        Assert.StartsWith("data/sg.json(4): not valid JSON at column 1", Assert.Single(trailing.Problems), StringComparison.Ordinal);
        var truncated = Assert.Throws<DatasetException>(() => Load(new ShareGptDataset("sg", "data/sg.json"), "[\n" + Entry(Turn("human", "a"), Turn("gpt", "b")) + ",\n"));
        Assert.StartsWith("data/sg.json(", Assert.Single(truncated.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ShareGpt_without_any_pair_is_refused()
    {
        var e = Assert.Throws<DatasetException>(() => Load(new ShareGptDataset("sg", "data/sg.json"), "[" + Entry(Turn("gpt", "hi"), Turn("human", "yo")) + "]"));
        Assert.Equal("data/sg.json: none of its 1 entries has a human turn followed by a model turn.", e.Message);
    }

    [Fact]
    public void Length_filters_count_words_without_a_tokenizer_and_tokens_with_one()
    {
        var content = string.Join("\n", Entry(Turn("human", "one"), Turn("gpt", "a b c d")), Entry(Turn("human", "one two three four"), Turn("gpt", "a b c d e f g h i j")), Entry(Turn("human", "one two three four five six"), Turn("gpt", "a b")));
        var byWords = Load(new ShareGptDataset("sg", "data/sg.jsonl") { MinPromptLen = 2, MaxOutputLen = 5 }, content);
        Assert.Equal(["one two three four five six"], byWords.Select(r => r.Prompt));
        Assert.Equal(2, byWords[0].MaxTokens);
        Assert.Contains("2 outside the length filters (in words)", _notices[^1], StringComparison.Ordinal);

        var tokenizer = TestTokenizers.Qwen3;
        var byTokens = Load(new ShareGptDataset("sg", "data/sg.jsonl") { MinPromptLen = 2 }, content, tokenizer);
        Assert.Equal(tokenizer.CountTokens("a b c d e f g h i j"), byTokens[0].MaxTokens);
        Assert.Contains("(in tokens)", _notices[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void OutputLen_replaces_each_entry_length_and_its_filters()
    {
        var content = Entry(Turn("human", "p q"), Turn("gpt", "a b c d e f g"));
        var rows = Load(new ShareGptDataset("sg", "data/sg.jsonl") { OutputLen = 64, MaxOutputLen = 3 }, content);
        Assert.Equal(64, Assert.Single(rows).MaxTokens);
    }

    [Fact]
    public void SampleCount_draws_the_same_distinct_entries_for_a_seed_and_others_for_another()
    {
        var content = string.Join("\n", Enumerable.Range(0, 50).Select(i => Entry(Turn("human", "prompt " + i), Turn("gpt", "answer"))));
        var first = Load(new ShareGptDataset("sg", "data/sg.jsonl") { SampleCount = 10, Seed = 1 }, content);
        var again = Load(new ShareGptDataset("sg", "data/sg.jsonl") { SampleCount = 10, Seed = 1 }, content);
        var other = Load(new ShareGptDataset("sg", "data/sg.jsonl") { SampleCount = 10, Seed = 2 }, content);
        Assert.Equal(first, again);
        Assert.Equal(10, first.Select(r => r.Prompt).Distinct().Count());
        Assert.NotEqual(first.Select(r => r.Prompt), other.Select(r => r.Prompt));
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => "prompt " + i), first.Select(r => r.Prompt));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), first.Select(r => r.Id));
        Assert.EndsWith("drawn with seed 1", _notices[0], StringComparison.Ordinal);

        var tooMany = Assert.Throws<DatasetException>(() => Load(new ShareGptDataset("sg", "data/sg.jsonl") { SampleCount = 51 }, content));
        Assert.Equal("dataset \"sg\": SampleCount is 51, but only 50 of the 50 entries of data/sg.jsonl pass the length filters (lengths in words)", tooMany.Message);
    }

    [Fact]
    public void Prompt_jsonl_reads_prompts_and_optional_output_lengths()
    {
        var rows = Load(new PromptJsonlDataset("pj", "data/p.jsonl"), "{\"prompt\": \"Write a haiku\", \"output_len\": 32}\n\n{\"prompt\": \"Explain DNS\", \"extra\": 1}\n", numPrompts: 5);
        Assert.Equal([new PromptRow(0, "Write a haiku", 32), new PromptRow(1, "Explain DNS")], rows);
    }

    [Theory]
    [InlineData("{\"text\": \"x\"}", "data/p.jsonl(1): \"prompt\" is missing")]
    [InlineData("{\"prompt\": 4}", "data/p.jsonl(1): \"prompt\" must be a string, found a number")]
    [InlineData("{\"prompt\": \"\"}", "data/p.jsonl(1): \"prompt\" is empty")]
    [InlineData("{\"prompt\": \"x\", \"output_len\": 0}", "data/p.jsonl(1): \"output_len\" must be an integer in 1..1048576, found 0")]
    public void Prompt_jsonl_malformed_lines_are_named(string line, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => Load(new PromptJsonlDataset("pj", "data/p.jsonl"), line));
        Assert.Equal(expected, Assert.Single(e.Problems));
    }

    [Theory]
    [InlineData(0, null, null, "dataset \"pj\": MinPromptLen must be in 1..1048576, got 0")]
    [InlineData(10, 5, null, "dataset \"pj\": MinPromptLen (10) must not exceed MaxPromptLen (5)")]
    [InlineData(null, null, 0, "dataset \"pj\": SampleCount must be in 1..1048576, got 0")]
    public void Bad_options_are_refused(int? minPrompt, int? maxPrompt, int? sampleCount, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => Load(new PromptJsonlDataset("pj", "data/p.jsonl") { MinPromptLen = minPrompt, MaxPromptLen = maxPrompt, SampleCount = sampleCount }, "{\"prompt\": \"x\"}"));
        Assert.Equal(expected, e.Message);
    }
}
