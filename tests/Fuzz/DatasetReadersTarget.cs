using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Workloads;

namespace PodBench.Fuzz;

/// <summary>
/// The dataset readers (custom QA generative and multiple choice, trace, ShareGPT, prompt JSONL). Each input goes through all of them;
/// a <see cref="DatasetException"/> is the correct answer to bad input, anything else is a crash. Accepted rows must
/// keep the readers' promises (ids 0..n-1, sane lengths, sorted timestamps) and every problem must name the file.
/// </summary>
public sealed class DatasetReadersTarget : IFuzzTarget
{
    private const string File = "fuzz.jsonl";

    public string Name => "datasets";

    public IReadOnlyList<byte[]> Seeds { get; } = new[]
    {
        "{\"question\": \"What is 2+2?\", \"answer\": \"4\", \"max_out_len\": 16, \"id\": \"q-1\"}\n{\"question\": \"Why?\"}\n",
        "{\"question\": \"1+1=\", \"A\": \"2\", \"B\": \"3\", \"C\": 4, \"answer\": \"A\"}\n\n{\"question\": \"q\", \"A\": \"a\", \"B\": \"b\", \"answer\": \"B\", \"max_tokens\": 3}\n",
        "{\"timestamp\": 0, \"input_length\": 3, \"output_length\": 5, \"hash_ids\": [1, 2, 3]}\n{\"timestamp\": 12.5, \"prompt\": \"hello\"}\r\n{\"timestamp\": 12.5, \"input_length\": 1}\n",
        "\uFEFF{\"question\": \"你好 😀 \\u00e9\\n\", \"answer\": null, \"id\": 7}\n",
        "{\"timestamp\": 10, \"input_length\": 1}\n{\"timestamp\": 5, \"input_length\": 1}\n",
        "{\"question\": {\"nested\": [1, {\"a\": null}]}, \"max_out_len\": -1}\nnot json\n[1,2]\n",
        "[\n{\"id\": \"a\", \"conversations\": [{\"from\": \"human\", \"value\": \"hi\"}, {\"from\": \"gpt\", \"value\": \"yo\"}]},\n{\"conversations\": []}\n]",
        "{\"conversations\": [{\"from\": \"user\", \"value\": \"q\"}, {\"from\": \"assistant\", \"value\": \"a\"}]}\n{\"prompt\": \"p\", \"output_len\": 3}\n",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    public IReadOnlyList<byte[]> Dictionary { get; } = new[]
    {
        "\"question\"", "\"answer\"", "\"A\"", "\"B\"", "\"C\"", "\"timestamp\"", "\"prompt\"", "\"input_length\"", "\"output_length\"",
        "\"max_out_len\"", "\"max_tokens\"", "\"conversations\"", "\"from\"", "\"value\"", "\"human\"", "\"gpt\"", "\"output_len\"", "[", "]", "\"id\"", "\"hash_ids\"", "null", "true", "false", "1e308", "-0", "99999999999999999999",
        "1048577", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "{\"a\":{\"b\":{\"c\":", "\n", "\r\n", "\n\n", ": ", ", ", "{}", "\"\"", "\"\\\"\"",
    }.Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0xC3 }, new byte[] { 0xF0, 0x9F, 0x98 }, new byte[] { 0xED, 0xA0, 0x80 } }).ToArray();

    public bool Run(byte[] input)
    {
        var accepted = false;
        accepted |= Check(() => CustomQaReader.Read(input, File, QaKind.Generative, null), CheckQa);
        accepted |= Check(() => CustomQaReader.Read(input, File, QaKind.MultipleChoice, 64), CheckQa);
        accepted |= Check(() => TraceReader.Read(input, File), CheckTrace);
        accepted |= Check(() => ShareGptReader.Read(input, File).Entries, CheckEntries);
        accepted |= Check(() => PromptJsonlReader.Read(input, File), CheckEntries);
        return accepted;
    }

    private static bool Check<T>(Func<IReadOnlyList<T>> read, Action<IReadOnlyList<T>> invariants)
    {
        IReadOnlyList<T> rows;
        try
        {
            rows = read();
        }
        catch (DatasetException e)
        {
            if (e.Problems.Count == 0 || e.Problems.Any(p => !p.StartsWith(File + "(", StringComparison.Ordinal) && !p.StartsWith(File + ":", StringComparison.Ordinal)))
            {
                throw new FuzzFailure($"a problem does not name the file: {e.Message}");
            }

            return false;
        }

        invariants(rows);
        return true;
    }

    private static void CheckQa(IReadOnlyList<PromptRow> rows)
    {
        CheckIds(rows);
        foreach (var row in rows)
        {
            if (row.MaxTokens is < 1 or > CustomQaReader.MaxOutLenLimit || row.TimestampMs is not null)
            {
                throw new FuzzFailure($"row {row.Id}: max tokens {row.MaxTokens} / timestamp {row.TimestampMs} out of range");
            }
        }
    }

    private static void CheckTrace(IReadOnlyList<PromptRow> rows)
    {
        CheckIds(rows);
        var previous = 0.0;
        foreach (var row in rows)
        {
            if (row.TimestampMs is not { } ms || ms < previous || !double.IsFinite(ms))
            {
                throw new FuzzFailure($"row {row.Id}: timestamp {row.TimestampMs} after {previous} breaks the order");
            }

            if (row.MaxTokens is < 1 or > TraceReader.LengthLimit)
            {
                throw new FuzzFailure($"row {row.Id}: output length {row.MaxTokens} out of range");
            }

            previous = ms;
        }
    }

    private static void CheckEntries(IReadOnlyList<PromptFileEntry> entries)
    {
        if (entries.Count == 0)
        {
            throw new FuzzFailure("accepted with no entries");
        }

        var previous = 0;
        foreach (var entry in entries)
        {
            if (entry.Line <= previous || entry.Prompt is null || entry.OutputLen is < 1 or > TraceReader.LengthLimit)
            {
                throw new FuzzFailure($"entry at line {entry.Line} after line {previous}: no prompt, lines out of order or output length {entry.OutputLen} out of range");
            }

            previous = entry.Line;
        }
    }

    private static void CheckIds(IReadOnlyList<PromptRow> rows)
    {
        if (rows.Count == 0)
        {
            throw new FuzzFailure("accepted with no rows");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Id != i || rows[i].Prompt is null)
            {
                throw new FuzzFailure($"row {i} has id {rows[i].Id} or no prompt");
            }
        }
    }
}
