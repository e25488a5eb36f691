using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Reads a JSONL trace: per line a <c>timestamp</c> (ms from the start, non-decreasing down the file) and either a
/// <c>prompt</c> or an <c>input_length</c> (a prompt of that many words "A A A ..."), optionally <c>output_length</c>
/// (the row's <c>max_tokens</c>). Other members (<c>hash_ids</c>, ...) are ignored.
/// </summary>
public static class TraceReader
{
    /// <summary>Largest accepted <c>input_length</c> / <c>output_length</c>.</summary>
    public const int LengthLimit = 1 << 20;

    /// <summary>
    /// The rows of <paramref name="utf8"/> (the file's bytes), with <see cref="PromptRow.TimestampMs"/> set. Every line
    /// is checked; malformed or out-of-order lines make a <see cref="DatasetException"/> naming each.
    /// </summary>
    public static IReadOnlyList<PromptRow> Read(ReadOnlyMemory<byte> utf8, string file)
    {
        var lines = new JsonlLines(file);
        var rows = new List<PromptRow>();
        var prompts = new RepeatedWordPrompt();
        var previous = (Timestamp: double.NegativeInfinity, Line: 0);
        lines.ForEachObject(utf8, (line, row) =>
        {
            var timestamp = Timestamp(lines, line, row);
            string? prompt = null;
            var okPrompt = true;
            if (row.TryGetProperty("prompt", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                if (p.ValueKind == JsonValueKind.String)
                {
                    prompt = lines.TryString(line, p, "prompt");
                    okPrompt = prompt is not null;
                }
                else
                {
                    lines.Problem(line, $"\"prompt\" must be a string, found {JsonlLines.Kind(p)}");
                    okPrompt = false;
                }
            }
            else if (row.TryGetProperty("input_length", out _))
            {
                okPrompt = lines.TryOptionalCount(line, row, "input_length", LengthLimit, out var words);
                prompt = words is { } n ? prompts.Of(n) : null;
                okPrompt &= prompt is not null;
            }
            else
            {
                lines.Problem(line, "needs \"prompt\" or \"input_length\"");
                okPrompt = false;
            }

            var okOutput = lines.TryOptionalCount(line, row, "output_length", LengthLimit, out var outputLength);
            if (timestamp is { } ms)
            {
                if (ms < previous.Timestamp)
                {
                    lines.Problem(line, $"\"timestamp\" {Format(ms)} is earlier than {Format(previous.Timestamp)} on line {previous.Line}: rows must be sorted by timestamp");
                }
                else
                {
                    previous = (ms, line);
                }
            }

            if (timestamp is not null && okPrompt && okOutput && prompt is not null)
            {
                rows.Add(new PromptRow(rows.Count, prompt, outputLength, timestamp));
            }
        });

        return lines.Rows(rows);
    }

    private static double? Timestamp(JsonlLines lines, int line, JsonElement row)
    {
        if (!row.TryGetProperty("timestamp", out var t))
        {
            lines.Problem(line, "\"timestamp\" is missing");
            return null;
        }

        if (t.ValueKind == JsonValueKind.Number && t.TryGetDouble(out var ms) && double.IsFinite(ms) && ms >= 0)
        {
            return ms;
        }

        lines.Problem(line, $"\"timestamp\" must be a number of ms >= 0, found {JsonlLines.Show(t)}");
        return null;
    }

    private static string Format(double ms) => ms.ToString("R", CultureInfo.InvariantCulture);
}
