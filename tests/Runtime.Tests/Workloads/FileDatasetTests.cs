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

public sealed class FileDatasetTests : IDisposable
{
    private static readonly ModelEndpoint Model = ModelEndpoint.StreamChat("m");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-datasets-" + Guid.NewGuid().ToString("N"));

    public FileDatasetTests() => Directory.CreateDirectory(Path.Combine(_dir, "data"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<PromptRow> Qa(string content, QaKind kind = QaKind.Generative, int? maxOutLen = null, int? numPrompts = null)
    {
        File.WriteAllText(Path.Combine(_dir, "data", "qa.jsonl"), content, new UTF8Encoding(false));
        return DatasetLoader.Load(new CustomQaDataset("qa", "data/qa.jsonl") { Kind = kind, MaxOutLen = maxOutLen }, Model, _dir, null, numPrompts);
    }

    private IReadOnlyList<PromptRow> Trace(string content, int? numPrompts = null)
    {
        File.WriteAllText(Path.Combine(_dir, "data", "trace.jsonl"), content);
        return DatasetLoader.Load(new TraceDataset("tr", "data/trace.jsonl"), Model, _dir, null, numPrompts);
    }

    [Fact]
    public void Generative_rows_use_the_reference_template_and_their_own_max_out_len()
    {
        var rows = Qa("""
            {"question": "What is 2+2?", "answer": "4", "max_out_len": 16, "id": "q-1"}

            {"question": "Name a colour.", "answer": ["red"], "id": 7}
            {"question": "Why?", "answer": "", "max_tokens": 9}
            """, maxOutLen: 100);
        Assert.Equal(3, rows.Count);
        Assert.Equal(new PromptRow(0, "Question: What is 2+2?\nAnswer: ", 16, null, "q-1"), rows[0]);
        Assert.Equal(new PromptRow(1, "Question: Name a colour.\nAnswer: ", 100, null, "7"), rows[1]);
        Assert.Equal(9, rows[2].MaxTokens);
    }

    [Fact]
    public void Generative_file_without_answers_sends_the_bare_question()
    {
        var rows = Qa("{\"question\": \"Tell me a story.\"}\n{\"question\": \"Another\"}\n");
        Assert.Equal("Tell me a story.", rows[0].Prompt);
        Assert.Null(rows[0].MaxTokens);
        Assert.Equal(1, rows[1].Id);
    }

    [Fact]
    public void Multiple_choice_rows_are_formatted_like_the_reference_template()
    {
        var rows = Qa("""
            {"question": "165+833+650+615=", "A": "2258", "B": "2263", "C": "2281", "answer": "B"}
            {"question": "1+1=", "A": 2, "B": 3, "answer": "A", "E": "ignored: not consecutive"}
            """, QaKind.MultipleChoice);
        Assert.Equal("Question: 165+833+650+615=\nA. 2258\nB. 2263\nC. 2281\nAnswer: ", rows[0].Prompt);
        Assert.Equal("Question: 1+1=\nA. 2\nB. 3\nAnswer: ", rows[1].Prompt);
    }

    [Theory]
    [InlineData("{\"answer\": \"4\"}", "data/qa.jsonl(1): \"question\" is missing")]
    [InlineData("{\"question\": 5}", "data/qa.jsonl(1): \"question\" must be a string, found a number")]
    [InlineData("{\"question\": \"q\", \"max_out_len\": 0}", "data/qa.jsonl(1): \"max_out_len\" must be an integer in 1..1048576, found 0")]
    [InlineData("{\"question\": \"q\", \"max_out_len\": 2.5}", "data/qa.jsonl(1): \"max_out_len\" must be an integer in 1..1048576, found 2.5")]
    [InlineData("{\"question\": \"q\", \"max_out_len\": \"12\"}", "data/qa.jsonl(1): \"max_out_len\" must be an integer")]
    [InlineData("{\"question\": \"q\", \"id\": {}}", "data/qa.jsonl(1): \"id\" must be a string or an integer")]
    [InlineData("{\"question\": \"q\"", "data/qa.jsonl(1): not valid JSON at column")]
    [InlineData("[1, 2]", "data/qa.jsonl(1): a line must be a JSON object, found an array")]
    [InlineData("\"just text\"", "data/qa.jsonl(1): a line must be a JSON object, found a string")]
    public void Each_malformed_generative_line_is_named(string line, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => Qa(line));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"question\": \"q\", \"B\": \"b\", \"answer\": \"B\"}", "data/qa.jsonl(1): \"A\" is missing")]
    [InlineData("{\"question\": \"q\", \"A\": \"a\", \"answer\": \"A\"}", "data/qa.jsonl(1): \"B\" is missing")]
    [InlineData("{\"question\": \"q\", \"A\": \"a\", \"B\": \"b\"}", "data/qa.jsonl(1): \"answer\" is missing")]
    [InlineData("{\"question\": \"q\", \"A\": \"a\", \"B\": \"b\", \"answer\": \"C\"}", "data/qa.jsonl(1): \"answer\" must be one of the options A, B, found \"C\"")]
    [InlineData("{\"question\": \"q\", \"A\": \"a\", \"B\": [1], \"answer\": \"A\"}", "data/qa.jsonl(1): option \"B\" must be a string or a number, found an array")]
    [InlineData("{\"A\": \"a\", \"B\": \"b\", \"answer\": \"A\"}", "data/qa.jsonl(1): \"question\" is missing")]
    public void Each_malformed_multiple_choice_line_is_named(string line, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => Qa(line, QaKind.MultipleChoice));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_file_is_checked_and_every_bad_line_is_listed()
    {
        var content = "{\"question\": \"ok\"}\n{\"nope\": 1}\n\n{\"question\": \"ok\"}\nnot json\n{\"question\": \"q\", \"max_out_len\": -1}\n";
        var e = Assert.Throws<DatasetException>(() => Qa(content));
        Assert.Equal(3, e.Problems.Count);
        Assert.StartsWith("data/qa.jsonl(2): \"question\" is missing", e.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("data/qa.jsonl(5): not valid JSON", e.Problems[1], StringComparison.Ordinal);
        Assert.StartsWith("data/qa.jsonl(6): \"max_out_len\"", e.Problems[2], StringComparison.Ordinal);
        Assert.Contains("3 malformed lines", e.Message, StringComparison.Ordinal);
        Assert.Contains("data/qa.jsonl(5)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crlf_lines_a_BOM_and_blank_lines_are_accepted()
    {
        File.WriteAllBytes(Path.Combine(_dir, "data", "qa.jsonl"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"question\": \"a\"}\r\n   \r\n{\"question\": \"b\"}\r\n")]);
        var rows = DatasetLoader.Load(new CustomQaDataset("qa", "data/qa.jsonl"), Model, _dir, null, null);
        Assert.Equal(new[] { "a", "b" }, rows.Select(r => r.Prompt));
    }

    [Fact]
    public void Invalid_UTF8_is_named_with_its_line()
    {
        File.WriteAllBytes(Path.Combine(_dir, "data", "qa.jsonl"), [.. Encoding.UTF8.GetBytes("{\"question\": \"a\"}\n{\"question\": \""), 0xFF, .. Encoding.UTF8.GetBytes("\"}\n")]);
        var e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(new CustomQaDataset("qa", "data/qa.jsonl"), Model, _dir, null, null));
        Assert.StartsWith("data/qa.jsonl(2): not valid UTF-8 at column 15", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"question\": \"\\ud800\"}", "data/qa.jsonl(1): \"question\" is not valid text")]
    [InlineData("{\"\\ud800\": 1, \"question\": \"q\"}", "data/qa.jsonl(1): has text that is not valid")]
    public void Escaped_lone_surrogates_are_named_found_by_the_fuzzer(string line, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => Qa(line));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_positive_MaxOutLen_is_an_error_naming_the_member()
    {
        var e = Assert.Throws<DatasetException>(() => Qa("{\"question\": \"q\"}", maxOutLen: 0));
        Assert.Equal("dataset \"qa\": MaxOutLen must be at least 1, got 0", e.Message);
    }

    [Fact]
    public void Empty_and_missing_files_are_errors_naming_the_file()
    {
        Assert.Contains("data/qa.jsonl: no rows", Assert.Throws<DatasetException>(() => Qa("\n\n")).Message, StringComparison.Ordinal);
        var e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(new CustomQaDataset("qa", "data/none.jsonl"), Model, _dir, null, null));
        Assert.Contains("data/none.jsonl: file not found", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "data", "none.jsonl"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumPrompts_takes_the_first_rows_but_the_whole_file_is_checked()
    {
        var rows = Qa("{\"question\": \"1\"}\n{\"question\": \"2\"}\n{\"question\": \"3\"}\n", numPrompts: 2);
        Assert.Equal(new[] { "1", "2" }, rows.Select(r => r.Prompt));
        Assert.Throws<DatasetException>(() => Qa("{\"question\": \"1\"}\n{\"question\": \"2\"}\n{}\n", numPrompts: 1));
    }

    [Fact]
    public void Trace_rows_carry_timestamps_and_length_prompts()
    {
        var rows = Trace("""
            {"timestamp": 0, "input_length": 3, "output_length": 5, "hash_ids": [1, 2]}
            {"timestamp": 12.5, "prompt": "hello there"}
            {"timestamp": 12.5, "input_length": 1}
            """);
        Assert.Equal(new PromptRow(0, "A A A", 5, 0), rows[0]);
        Assert.Equal(new PromptRow(1, "hello there", null, 12.5), rows[1]);
        Assert.Equal(new PromptRow(2, "A", null, 12.5), rows[2]);
        Assert.Equal(2, Trace("{\"timestamp\": 1, \"input_length\": 2}\n{\"timestamp\": 2, \"input_length\": 2}\n{\"timestamp\": 3, \"input_length\": 2}\n", numPrompts: 2).Count);
    }

    [Fact]
    public void Trace_out_of_order_rows_are_named()
    {
        var e = Assert.Throws<DatasetException>(() => Trace("{\"timestamp\": 10, \"input_length\": 1}\n{\"timestamp\": 20, \"input_length\": 1}\n{\"timestamp\": 15, \"input_length\": 1}\n"));
        Assert.Equal("data/trace.jsonl(3): \"timestamp\" 15 is earlier than 20 on line 2: rows must be sorted by timestamp", e.Message);
    }

    [Theory]
    [InlineData("{\"input_length\": 1}", "data/trace.jsonl(1): \"timestamp\" is missing")]
    [InlineData("{\"timestamp\": -1, \"input_length\": 1}", "data/trace.jsonl(1): \"timestamp\" must be a number of ms >= 0, found -1")]
    [InlineData("{\"timestamp\": \"0\", \"input_length\": 1}", "data/trace.jsonl(1): \"timestamp\" must be a number of ms >= 0, found \"0\"")]
    [InlineData("{\"timestamp\": 0}", "data/trace.jsonl(1): needs \"prompt\" or \"input_length\"")]
    [InlineData("{\"timestamp\": 0, \"prompt\": 3}", "data/trace.jsonl(1): \"prompt\" must be a string, found a number")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 0}", "data/trace.jsonl(1): \"input_length\" must be an integer in 1..1048576, found 0")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 99999999999}", "data/trace.jsonl(1): \"input_length\" must be an integer in 1..1048576")]
    [InlineData("{\"timestamp\": 0, \"input_length\": 2, \"output_length\": \"x\"}", "data/trace.jsonl(1): \"output_length\" must be an integer in 1..1048576, found \"x\"")]
    public void Each_malformed_trace_line_is_named(string line, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => Trace(line));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
