using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Reads MT-Bench's <c>question.jsonl</c>: each line's <c>prompt</c> (or <c>turns</c>) array of user messages becomes a
/// session; <c>question_id</c> is the data id. Every line is checked; malformed ones make one
/// <see cref="DatasetException"/> naming each line.
/// </summary>
internal static class MtBenchReader
{
    public static IReadOnlyList<PromptFileEntry> Read(ReadOnlyMemory<byte> utf8, string file)
    {
        var lines = new JsonlLines(file);
        var entries = new List<PromptFileEntry>();
        lines.ForEachObject(utf8, (line, row) =>
        {
            var key = row.TryGetProperty("prompt", out var turns) ? "prompt" : row.TryGetProperty("turns", out turns) ? "turns" : null;
            if (key is null)
            {
                lines.Problem(line, "\"prompt\" (or \"turns\") is missing");
                return;
            }

            if (turns.ValueKind != JsonValueKind.Array || turns.GetArrayLength() == 0
                || turns.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String || t.GetString()!.Length == 0))
            {
                lines.Problem(line, $"\"{key}\" must be a non-empty array of non-empty strings, found {JsonlLines.Show(turns)}");
                return;
            }

            var messages = turns.EnumerateArray().Select(t => t.GetString()!).ToList();
            string? id = row.TryGetProperty("question_id", out var q) ? q.ValueKind switch
            {
                JsonValueKind.String => q.GetString(),
                JsonValueKind.Number => q.GetRawText(),
                _ => null,
            } : null;
            var later = messages.Skip(1).Select(m => (m, (string?)null)).ToList();
            entries.Add(new PromptFileEntry(line, messages[0], null, null, id) { LaterTurns = later });
        });

        return lines.Rows(entries);
    }
}
