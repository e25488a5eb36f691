using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Reads a <see cref="Dsl.FunctionCallDataset"/> file: BFCL lines (<c>question</c>: turns of messages, the first sent;
/// <c>function</c>: the functions, converted to OpenAI tools as the reference converts them) or lines of
/// <c>prompt</c> and OpenAI <c>tools</c>. Every line is checked; malformed ones make one <see cref="DatasetException"/>
/// naming each line.
/// </summary>
internal static class FunctionCallReader
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>BFCL's (Gorilla's) Python and Java type names and the JSON schema type each becomes.</summary>
    private static readonly Dictionary<string, string> SchemaTypes = new(StringComparer.Ordinal)
    {
        ["dict"] = "object",
        ["float"] = "number",
        ["tuple"] = "array",
        ["list"] = "array",
        ["bool"] = "boolean",
        ["any"] = "string",
        ["byte"] = "integer",
        ["short"] = "integer",
        ["long"] = "integer",
        ["double"] = "number",
        ["char"] = "string",
        ["ArrayList"] = "array",
        ["Array"] = "array",
        ["HashMap"] = "object",
        ["Hashtable"] = "object",
        ["Queue"] = "array",
        ["Stack"] = "array",
        ["Any"] = "string",
        ["String"] = "string",
        ["Bigint"] = "integer",
    };

    public static IReadOnlyList<PromptFileEntry> Read(ReadOnlyMemory<byte> utf8, string file)
    {
        var lines = new JsonlLines(file);
        var entries = new List<PromptFileEntry>();
        lines.ForEachObject(utf8, (line, row) =>
        {
            var prompt = Prompt(lines, line, row);
            var tools = Tools(lines, line, row);
            var okOutput = lines.TryOptionalCount(line, row, "output_len", TraceReader.LengthLimit, out var outputLen);
            var id = row.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            if (prompt is not null && tools is not null && okOutput)
            {
                entries.Add(new PromptFileEntry(line, prompt, null, outputLen, id) { Tools = tools });
            }
        });

        return lines.Rows(entries);
    }

    /// <summary><c>prompt</c>, else the user messages of <c>question</c>'s first turn (joined by a blank line).</summary>
    private static string? Prompt(JsonlLines lines, int line, JsonElement row)
    {
        if (row.TryGetProperty("prompt", out var p))
        {
            var text = p.ValueKind == JsonValueKind.String ? lines.TryString(line, p, "prompt") : null;
            if (string.IsNullOrEmpty(text))
            {
                lines.Problem(line, $"\"prompt\" must be a non-empty string, found {JsonlLines.Show(p)}");
                return null;
            }

            return text;
        }

        if (!row.TryGetProperty("question", out var question))
        {
            lines.Problem(line, "\"question\" (or \"prompt\") is missing");
            return null;
        }

        // BFCL: a list of turns, each a list of messages; a list of messages alone is one turn
        var turn = question.ValueKind == JsonValueKind.Array && question.GetArrayLength() > 0 && question[0].ValueKind == JsonValueKind.Array ? question[0] : question;
        var users = turn.ValueKind != JsonValueKind.Array ? [] : turn.EnumerateArray()
            .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("role", out var r) && r.ValueEquals("user")
                && m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
            .Select(m => m.GetProperty("content").GetString()!).ToList();
        if (users.Count == 0 || users.All(u => u.Length == 0))
        {
            lines.Problem(line, "\"question\" must hold a turn of messages with a user message ({\"role\": \"user\", \"content\": \"...\"})");
            return null;
        }

        return string.Join("\n\n", users);
    }

    /// <summary>The request's tools as the JSON text of an OpenAI <c>tools</c> array.</summary>
    private static string? Tools(JsonlLines lines, int line, JsonElement row)
    {
        var openAi = row.TryGetProperty("tools", out var list);
        if (!openAi && !row.TryGetProperty("function", out list))
        {
            lines.Problem(line, "\"function\" (or \"tools\") is missing");
            return null;
        }

        var functions = list.ValueKind == JsonValueKind.Object ? [list] : list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        if (functions.Count == 0)
        {
            lines.Problem(line, $"\"{(openAi ? "tools" : "function")}\" must be a non-empty array of objects, found {JsonlLines.Show(list)}");
            return null;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartArray();
            for (var i = 0; i < functions.Count; i++)
            {
                var function = openAi && functions[i].ValueKind == JsonValueKind.Object && functions[i].TryGetProperty("function", out var inner) ? inner : functions[i];
                if (function.ValueKind != JsonValueKind.Object
                    || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0
                    || (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind != JsonValueKind.Object))
                {
                    lines.Problem(line, $"{(openAi ? "tools" : "function")}[{i}] must be an object with a string \"name\" and an object \"parameters\", found {JsonlLines.Show(functions[i])}");
                    return null;
                }

                writer.WriteStartObject();
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", openAi ? name.GetString() : name.GetString()!.Replace('.', '_'));
                if (function.TryGetProperty("description", out var description))
                {
                    writer.WritePropertyName("description");
                    description.WriteTo(writer);
                }

                writer.WritePropertyName("parameters");
                if (function.TryGetProperty("parameters", out parameters))
                {
                    WriteSchema(writer, parameters, convert: !openAi);
                }
                else
                {
                    writer.WriteRawValue(Dsl.ToolFunction.EmptyParameters);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Copies a schema; BFCL's type names become JSON schema types wherever a <c>type</c> is a string.</summary>
    private static void WriteSchema(Utf8JsonWriter writer, JsonElement schema, bool convert)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in schema.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (convert && property.Name == "type" && property.Value.ValueKind == JsonValueKind.String
                        && SchemaTypes.TryGetValue(property.Value.GetString()!, out var type))
                    {
                        writer.WriteStringValue(type);
                    }
                    else
                    {
                        WriteSchema(writer, property.Value, convert);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in schema.EnumerateArray())
                {
                    WriteSchema(writer, item, convert);
                }

                writer.WriteEndArray();
                break;
            default:
                schema.WriteTo(writer);
                break;
        }
    }
}
