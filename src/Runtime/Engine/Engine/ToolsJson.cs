using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>The JSON text of a plan's tools and tool choice, in the OpenAI shape, written once per task.</summary>
internal static class ToolsJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>[{"type": "function", "function": {"name", "description", "parameters"}}, ...]</c>; null for none.</summary>
    public static string? Tools(IReadOnlyList<ToolFunction>? tools)
    {
        if (tools is null || tools.Count == 0)
        {
            return null;
        }

        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartArray();
            foreach (var tool in tools)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, tool.Name);
                if (tool.Description is not null)
                {
                    writer.WriteString("description"u8, tool.Description);
                }

                writer.WritePropertyName("parameters"u8);
                using (var parameters = JsonDocument.Parse(tool.Parameters))
                {
                    parameters.RootElement.WriteTo(writer);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary><c>"auto"</c>, <c>"none"</c>, <c>"required"</c>, or <c>{"type": "function", "function": {"name"}}</c>; null for none.</summary>
    public static string? Choice(string? choice) => choice switch
    {
        null => null,
        "auto" or "none" or "required" => "\"" + choice + "\"",
        _ => "{\"type\": \"function\", \"function\": {\"name\": " + JsonSerializer.Serialize(choice) + "}}",
    };
}
