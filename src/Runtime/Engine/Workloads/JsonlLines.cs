using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Walks the lines of a JSONL file (UTF-8, optional BOM, \n or \r\n), skipping blank ones, and parses each into a
/// JSON object; problems are collected as <c>file(line): what</c> so that the whole file is checked at once.
/// </summary>
internal sealed class JsonlLines
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly List<string> _problems = new();

    public JsonlLines(string file) => File = file;

    public string File { get; }

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(int line, string what) => _problems.Add($"{File}({line.ToString(CultureInfo.InvariantCulture)}): {what}");

    /// <summary>
    /// The rows read, once every line was checked: a <see cref="DatasetException"/> naming each malformed line, or
    /// saying the file has no rows.
    /// </summary>
    public List<T> Rows<T>(List<T> rows)
    {
        if (_problems.Count > 0)
        {
            throw DatasetException.ForLines(File, _problems);
        }

        return rows.Count > 0 ? rows : throw new DatasetException($"{File}: no rows (the file is empty or only blank lines).");
    }

    /// <summary>Calls <paramref name="row"/> with each non-blank line's number and JSON object.</summary>
    public void ForEachObject(ReadOnlyMemory<byte> content, Action<int, JsonElement> row)
    {
        var span = content.Span;
        var offset = span.StartsWith(Bom) ? 3 : 0;
        var line = 0;
        while (offset <= content.Length)
        {
            line++;
            var rest = content.Span[offset..];
            var newline = rest.IndexOf((byte)'\n');
            var length = newline < 0 ? rest.Length : newline;
            var text = content.Slice(offset, length);
            offset += length + 1;
            if (IsBlank(text.Span))
            {
                if (newline < 0)
                {
                    break;
                }

                continue;
            }

            if (InvalidUtf8At(text.Span) is { } bad)
            {
                Problem(line, $"not valid UTF-8 at column {bad + 1}");
                if (newline < 0)
                {
                    break;
                }

                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, Options);
            }
            catch (JsonException e)
            {
                Problem(line, $"not valid JSON at column {(e.BytePositionInLine ?? 0) + 1}: {Reason(e)}");
                continue;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Problem(line, $"a line must be a JSON object, found {Kind(document.RootElement)}");
                }
                else
                {
                    try
                    {
                        row(line, document.RootElement);
                    }
                    catch (InvalidOperationException)
                    {
                        // System.Text.Json throws this for escapes such as a lone "\ud800" in a member name.
                        Problem(line, "has text that is not valid (an escape gives a lone UTF-16 surrogate)");
                    }
                }
            }

            if (newline < 0)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="row"/> with the line on which each element of the top-level JSON array in
    /// <paramref name="content"/> starts, and the element (objects only; other elements are problems). A syntax error
    /// ends the walk with one problem at its line and column.
    /// </summary>
    public void ForEachArrayObject(ReadOnlyMemory<byte> content, Action<int, JsonElement> row)
    {
        var span = content.Span;
        var start = span.StartsWith(Bom) ? 3 : 0;
        var reader = new Utf8JsonReader(span[start..], new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        var (line, counted) = (1, 0);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                Problem(1, "a JSON file of entries must be one array");
                return;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var at = (int)reader.TokenStartIndex;
                line += span.Slice(start + counted, at - counted).Count((byte)'\n');
                counted = at;
                using var element = JsonDocument.ParseValue(ref reader);
                if (element.RootElement.ValueKind != JsonValueKind.Object)
                {
                    Problem(line, $"an entry must be a JSON object, found {Kind(element.RootElement)}");
                    continue;
                }

                try
                {
                    row(line, element.RootElement);
                }
                catch (InvalidOperationException)
                {
                    Problem(line, "has text that is not valid (an escape gives a lone UTF-16 surrogate)");
                }
            }

            // Anything but white space after the array is a syntax error the reader names.
            reader.Read();
        }
        catch (JsonException e)
        {
            Problem((int)(e.LineNumber ?? 0) + 1, $"not valid JSON at column {(e.BytePositionInLine ?? 0) + 1}: {Reason(e)}");
        }
    }

    /// <summary>A JSON value kind as a user reads it.</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>An optional positive integer member no larger than <paramref name="max"/>; false (with a problem) when present but wrong.</summary>
    public bool TryOptionalCount(int line, JsonElement row, string name, int max, out int? value)
    {
        value = null;
        if (!row.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var n) && n >= 1 && n <= max)
        {
            value = (int)n;
            return true;
        }

        Problem(line, $"\"{name}\" must be an integer in 1..{max.ToString(CultureInfo.InvariantCulture)}, found {Show(element)}");
        return false;
    }

    /// <summary>The string value of member <paramref name="name"/>; null (with a problem) when it has an invalid escape such as a lone surrogate.</summary>
    public string? TryString(int line, JsonElement value, string name)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            Problem(line, $"\"{name}\" is not valid text (an escape gives a lone UTF-16 surrogate)");
            return null;
        }
    }

    /// <summary>A short rendering of a JSON value for an error message.</summary>
    public static string Show(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    private static int? InvalidUtf8At(ReadOnlySpan<byte> line)
    {
        if (Utf8.IsValid(line))
        {
            return null;
        }

        var position = 0;
        while (Rune.DecodeFromUtf8(line[position..], out _, out var consumed) == OperationStatus.Done)
        {
            position += consumed;
        }

        return position;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
