using System;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Writes request bodies with <see cref="Utf8JsonWriter"/> into a pooled buffer: chat
/// <c>{"model","messages":[{"role":"user","content":...}],"stream","stream_options","max_tokens"}</c> or completions
/// <c>{"model","prompt",...}</c>, the chat's <c>tools</c> and <c>tool_choice</c> (the row's tools, else the endpoint's),
/// then the endpoint's generation arguments, which replace any field of the same name.
/// The native APIs' bodies are <see cref="NativeRequestBody"/>'s.
/// </summary>
internal sealed class RequestBodyWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly string _model;
    private readonly ApiKind _api;
    private readonly bool _chat;
    private readonly bool _stream;
    private readonly int _defaultMaxTokens;
    private readonly KeyValuePair<string, string>[] _generation;
    private readonly HashSet<string> _overridden;
    private readonly string? _tools;
    private readonly string? _toolChoice;

    public RequestBodyWriter(ModelEndpoint endpoint, string model)
    {
        _model = model;
        _api = endpoint.Api;
        _chat = endpoint.Api is ApiKind.StreamChat or ApiKind.Chat;
        _stream = endpoint.IsStreaming;
        _defaultMaxTokens = endpoint.MaxOutLen;
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var entry in endpoint.Generation.Entries)
        {
            try
            {
                using var doc = JsonDocument.Parse(entry.Value);
            }
            catch (JsonException e)
            {
                throw new ArgumentException($"Model endpoint '{endpoint.Abbr}': generation argument '{entry.Key}' is not valid JSON ({entry.Value}): {e.Message}", nameof(endpoint), e);
            }

            entries.Add(entry);
        }

        _generation = entries.ToArray();
        _overridden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _generation)
        {
            _overridden.Add(entry.Key);
        }

        _tools = ToolsJson.Tools(endpoint.Tools);
        _toolChoice = ToolsJson.Choice(endpoint.ToolChoice);
    }

    /// <summary>A writer for one request context, reused with <see cref="Write"/>.</summary>
    public static Utf8JsonWriter CreateWriter(PooledByteBuffer buffer) => new(buffer, WriterOptions);

    public void Write(Utf8JsonWriter writer, PooledByteBuffer buffer, PromptRow row)
    {
        buffer.Reset();
        writer.Reset(buffer);
        if (PodBench.Shared.PlanApis.IsNative((int)_api))
        {
            NativeRequestBody.Write(writer, _api, row.Prompt, row.MaxTokens ?? _defaultMaxTokens, _generation, _overridden);
            writer.Flush();
            return;
        }

        writer.WriteStartObject();
        if (!_overridden.Contains("model"))
        {
            writer.WriteString("model"u8, _model);
        }

        if (_chat)
        {
            if (!_overridden.Contains("messages"))
            {
                writer.WriteStartArray("messages"u8);
                for (var i = 0; i < (row.History?.Count ?? 0); i++)
                {
                    writer.WriteStartObject();
                    writer.WriteString("role"u8, i % 2 == 0 ? "user"u8 : "assistant"u8);
                    writer.WriteString("content"u8, row.History![i]);
                    writer.WriteEndObject();
                }

                writer.WriteStartObject();
                writer.WriteString("role"u8, "user"u8);
                writer.WriteString("content"u8, row.Prompt);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
        }
        else if (!_overridden.Contains("prompt"))
        {
            writer.WriteString("prompt"u8, row.Prompt);
        }

        if (!_overridden.Contains("stream"))
        {
            writer.WriteBoolean("stream"u8, _stream);
        }

        if (_stream && !_overridden.Contains("stream_options"))
        {
            writer.WriteStartObject("stream_options"u8);
            writer.WriteBoolean("include_usage"u8, true);
            writer.WriteEndObject();
        }

        if (!_overridden.Contains("max_tokens"))
        {
            writer.WriteNumber("max_tokens"u8, row.MaxTokens ?? _defaultMaxTokens);
        }

        if ((row.Tools ?? _tools) is { } tools && _chat && !_overridden.Contains("tools"))
        {
            writer.WritePropertyName("tools"u8);
            writer.WriteRawValue(tools, skipInputValidation: true);
            if (_toolChoice is not null && !_overridden.Contains("tool_choice"))
            {
                writer.WritePropertyName("tool_choice"u8);
                writer.WriteRawValue(_toolChoice, skipInputValidation: true);
            }
        }

        foreach (var entry in _generation)
        {
            writer.WritePropertyName(entry.Key);
            writer.WriteRawValue(entry.Value, skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.Flush();
    }
}
