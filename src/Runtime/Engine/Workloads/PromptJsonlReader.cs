using System;
using System.Collections.Generic;
using System.Text.Json;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Reads a JSONL file of <c>{"prompt": "...", "output_len": N}</c> lines (<c>output_len</c> optional). Every line is
/// checked; malformed ones make one <see cref="DatasetException"/> naming each line.
/// </summary>
internal static class PromptJsonlReader
{
    public static IReadOnlyList<PromptFileEntry> Read(ReadOnlyMemory<byte> utf8, string file)
    {
        var lines = new JsonlLines(file);
        var entries = new List<PromptFileEntry>();
        lines.ForEachObject(utf8, (line, row) =>
        {
            string? prompt = null;
            if (!row.TryGetProperty("prompt", out var p))
            {
                lines.Problem(line, "\"prompt\" is missing");
            }
            else if (p.ValueKind != JsonValueKind.String)
            {
                lines.Problem(line, $"\"prompt\" must be a string, found {JsonlLines.Kind(p)}");
            }
            else if ((prompt = lines.TryString(line, p, "prompt")) is { Length: 0 })
            {
                lines.Problem(line, "\"prompt\" is empty");
                prompt = null;
            }

            var okOutput = lines.TryOptionalCount(line, row, "output_len", TraceReader.LengthLimit, out var outputLen);
            if (prompt is not null && okOutput)
            {
                entries.Add(new PromptFileEntry(line, prompt, null, outputLen, null));
            }
        });

        return lines.Rows(entries);
    }
}
