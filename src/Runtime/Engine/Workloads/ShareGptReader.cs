using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Reads a ShareGPT-format file: a JSON array of entries or JSONL, each entry
/// <c>{"conversations": [{"from": ..., "value": ...}, ...]}</c>. The prompt is the first human turn and the completion
/// the model turn right after it; entries without that pair are skipped and counted (vLLM skips entries of fewer than
/// two turns). Every entry is checked; malformed ones make one <see cref="DatasetException"/> naming each line.
/// </summary>
internal static class ShareGptReader
{
    private static readonly HashSet<string> HumanRoles = new(StringComparer.OrdinalIgnoreCase) { "human", "user" };
    private static readonly HashSet<string> ModelRoles = new(StringComparer.OrdinalIgnoreCase) { "gpt", "assistant", "chatgpt", "bard", "bing" };

    /// <summary>The usable entries of <paramref name="utf8"/> and how many had no human turn followed by a model turn.</summary>
    public static (IReadOnlyList<PromptFileEntry> Entries, int WithoutPair) Read(ReadOnlyMemory<byte> utf8, string file)
    {
        var lines = new JsonlLines(file);
        var entries = new List<PromptFileEntry>();
        var withoutPair = 0;
        void Entry(int line, JsonElement entry)
        {
            var problems = lines.Problems.Count;
            if (ReadEntry(lines, line, entry) is { } usable)
            {
                entries.Add(usable);
            }
            else if (lines.Problems.Count == problems)
            {
                withoutPair++;
            }
        }

        if (IsArray(utf8.Span))
        {
            lines.ForEachArrayObject(utf8, Entry);
        }
        else
        {
            lines.ForEachObject(utf8, Entry);
        }

        if (lines.Problems.Count > 0)
        {
            throw DatasetException.ForLines(file, lines.Problems);
        }

        if (entries.Count == 0)
        {
            throw new DatasetException(withoutPair == 0
                ? $"{file}: no entries (the file is empty or only blank lines)."
                : $"{file}: none of its {withoutPair} entries has a human turn followed by a model turn.");
        }

        return (entries, withoutPair);
    }

    /// <summary>The entry's prompt and completion; null when it is malformed (a problem is added) or has no pair.</summary>
    private static PromptFileEntry? ReadEntry(JsonlLines lines, int line, JsonElement entry)
    {
        if (!entry.TryGetProperty("conversations", out var turns))
        {
            lines.Problem(line, "\"conversations\" is missing");
            return null;
        }

        if (turns.ValueKind != JsonValueKind.Array)
        {
            lines.Problem(line, $"\"conversations\" must be an array of turns, found {JsonlLines.Kind(turns)}");
            return null;
        }

        var read = new List<(string From, string Value)>();
        var index = 0;
        foreach (var turn in turns.EnumerateArray())
        {
            var from = Member(lines, line, turn, index, "from");
            var value = from is null ? null : Member(lines, line, turn, index, "value");
            if (value is null)
            {
                return null;
            }

            read.Add((from!, value));
            index++;
        }

        var human = read.FindIndex(t => HumanRoles.Contains(t.From));
        if (human < 0 || human + 1 >= read.Count || !ModelRoles.Contains(read[human + 1].From))
        {
            return null;
        }

        // the later pairs, in order, while each human turn is followed by a model turn
        var later = new List<(string, string?)>();
        for (var i = human + 2; i + 1 < read.Count && HumanRoles.Contains(read[i].From) && ModelRoles.Contains(read[i + 1].From); i += 2)
        {
            later.Add((read[i].Value, read[i + 1].Value));
        }

        return new PromptFileEntry(line, read[human].Value, read[human + 1].Value, null, DataId(entry)) { LaterTurns = later };
    }

    private static string? Member(JsonlLines lines, int line, JsonElement turn, int index, string name)
    {
        var where = $"\"conversations\"[{index.ToString(CultureInfo.InvariantCulture)}]";
        if (turn.ValueKind != JsonValueKind.Object)
        {
            lines.Problem(line, $"{where} must be an object with \"from\" and \"value\", found {JsonlLines.Kind(turn)}");
            return null;
        }

        if (!turn.TryGetProperty(name, out var member) || member.ValueKind != JsonValueKind.String)
        {
            var found = turn.TryGetProperty(name, out member) ? "found " + JsonlLines.Kind(member) : "it is missing";
            lines.Problem(line, $"{where}.\"{name}\" must be a string, {found}");
            return null;
        }

        return lines.TryString(line, member, where + "." + name);
    }

    private static string? DataId(JsonElement entry) =>
        entry.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static bool IsArray(ReadOnlySpan<byte> content)
    {
        foreach (var b in content)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'[';
        }

        return false;
    }
}
