using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace PodBench.Runtime.Merge.Reference;

/// <summary>One line of a reference details JSONL (the keys our import uses; <c>Output.__dict__</c> plus its handler's).</summary>
internal sealed record ReferenceLine
{
    public required int LineNumber { get; init; }

    public required string DataAbbr { get; init; }

    public required long Id { get; init; }

    public required bool Success { get; init; }

    public string ErrorInfo { get; init; } = "";

    /// <summary>The db_data file (<c>db_name</c>), null when the line names none.</summary>
    public string? DbName { get; init; }

    /// <summary>The blob id (<c>time_points.__db_ref__</c>), null when the line has none.</summary>
    public long? DbRef { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public string Input { get; init; } = "";

    public string? Uuid { get; init; }

    public int TurnId { get; init; }

    public string? DataId { get; init; }

    public string Prediction { get; init; } = "";

    /// <summary>
    /// The lines of <paramref name="path"/>. A last line cut short without its newline (a killed writer) is skipped,
    /// as the reference's own reader would fail on it; any other line that is not a details object throws
    /// <see cref="MergeException"/> naming the file and line.
    /// </summary>
    public static IEnumerable<ReferenceLine> Read(string path)
    {
        var endsWithNewline = EndsWithNewline(path);
        var number = 0;
        string? pending = null;
        foreach (var line in File.ReadLines(path))
        {
            if (pending is not null)
            {
                yield return Parse(path, number, pending, mayBeTorn: false)!;
            }

            number++;
            pending = line;
        }

        if (pending is not null && Parse(path, number, pending, mayBeTorn: !endsWithNewline) is { } last)
        {
            yield return last;
        }
    }

    private static ReferenceLine? Parse(string path, int number, string text, bool mayBeTorn)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            long? dbRef = root.TryGetProperty("time_points", out var tp) && tp.ValueKind == JsonValueKind.Object && tp.TryGetProperty("__db_ref__", out var r) && r.ValueKind == JsonValueKind.Number
                ? r.GetInt64()
                : null;
            return new ReferenceLine
            {
                LineNumber = number,
                DataAbbr = Text(root, "data_abbr") ?? throw new InvalidDataException("no data_abbr"),
                Id = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt64() : throw new InvalidDataException("no numeric id"),
                Success = root.TryGetProperty("success", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False ? s.GetBoolean() : throw new InvalidDataException("no boolean success"),
                ErrorInfo = Text(root, "error_info") ?? "",
                DbName = Text(root, "db_name"),
                DbRef = dbRef,
                InputTokens = Int(root, "input_tokens"),
                OutputTokens = Int(root, "output_tokens"),
                Input = Text(root, "input") ?? "",
                Uuid = Text(root, "uuid"),
                TurnId = Int(root, "turn_id"),
                DataId = Text(root, "data_id"),
                Prediction = Text(root, "prediction") ?? "",
            };
        }
        catch (JsonException) when (mayBeTorn)
        {
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or FormatException or InvalidOperationException)
        {
            throw new MergeException($"{path}({number}): not a details line of the reference tool: {e.Message}", []);
        }
    }

    /// <summary>A string as is; a number, list or object as its JSON text; null or absent: null.</summary>
    private static string? Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : v.GetRawText();

    private static int Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : 0;

    private static bool EndsWithNewline(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0)
        {
            return true;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }
}
