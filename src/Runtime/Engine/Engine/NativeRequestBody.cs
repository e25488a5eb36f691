using System;
using System.Collections.Generic;
using System.Text.Json;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>
/// The request bodies of the native APIs, as the reference's models build them: MindIE
/// <c>{"inputs","stream":true,"parameters"}</c>, TGI <c>{"inputs","parameters"}</c>, Triton
/// <c>{"id","text_input","parameters"}</c> (a fresh UUID per request). <c>parameters</c> holds
/// <c>max_new_tokens</c> and the endpoint's generation arguments, which replace a field of the same name.
/// </summary>
internal static class NativeRequestBody
{
    private const string MaxNewTokens = "max_new_tokens";

    public static void Write(Utf8JsonWriter writer, ApiKind api, string prompt, int maxTokens, KeyValuePair<string, string>[] generation, HashSet<string> overridden)
    {
        writer.WriteStartObject();
        if (api is ApiKind.Triton or ApiKind.TritonStream)
        {
            Span<byte> id = stackalloc byte[36];
            Guid.NewGuid().TryFormat(id, out var written, "D");
            writer.WriteString("id"u8, id[..written]);
            writer.WriteString("text_input"u8, prompt);
        }
        else
        {
            writer.WriteString("inputs"u8, prompt);
        }

        if (api == ApiKind.MindieStream)
        {
            writer.WriteBoolean("stream"u8, true);
        }

        writer.WriteStartObject("parameters"u8);
        if (!overridden.Contains(MaxNewTokens))
        {
            writer.WriteNumber("max_new_tokens"u8, maxTokens);
        }

        foreach (var entry in generation)
        {
            writer.WritePropertyName(entry.Key);
            writer.WriteRawValue(entry.Value, skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
