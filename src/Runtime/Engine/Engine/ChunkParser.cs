using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Reads one OpenAI-compatible JSON document (a streamed chunk or a whole non-streamed response) with
/// <see cref="Utf8JsonReader"/>: the generated text goes, unescaped, into a pooled UTF-8 buffer, the
/// <c>tool_calls</c> pieces into <see cref="ToolCallParts"/>, usage and <c>x_sim_ts</c> into <see cref="ChunkFields"/>. The whole document is read, so invalid JSON always throws
/// <see cref="JsonException"/>. Nothing is allocated.
/// </summary>
internal static class ChunkParser
{
    private const int SectionOther = 0;
    private const int SectionUsage = 1;
    private const int SectionChoices = 2;

    public static void Parse(ReadOnlySpan<byte> json, PooledByteBuffer text, ref ChunkFields fields) =>
        Parse(json, text, ref fields, null);

    /// <summary>As the other overload; <paramref name="calls"/> (when given) receives the <c>tool_calls</c> pieces.</summary>
    public static void Parse(ReadOnlySpan<byte> json, PooledByteBuffer text, ref ChunkFields fields, ToolCallParts? calls)
    {
        try
        {
            ParseObject(json, text, ref fields, calls);
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json throws this (not JsonException) for an undecodable escape in a property name; the
            // event is malformed JSON like any other (found by tests/Fuzz, target sse).
            throw InvalidEscape(e);
        }
    }

    /// <summary>The <see cref="JsonException"/> for what System.Text.Json reports as an <see cref="InvalidOperationException"/>.</summary>
    internal static JsonException InvalidEscape(InvalidOperationException e) => new("invalid string escape: " + e.Message, e);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseObject(ReadOnlySpan<byte> json, PooledByteBuffer text, ref ChunkFields fields, ToolCallParts? calls)
    {
        var tools = new ToolCallReading(calls);
        fields.HasServerTimestamp = false;
        var reader = OpenObject(json);
        var section = SectionOther;
        var inContainer = false;
        var inDetails = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                tools.Element(ref reader);
                continue;
            }

            if (reader.CurrentDepth <= 4)
            {
                tools.Leave(reader.CurrentDepth);
            }

            switch (reader.CurrentDepth)
            {
                case 1:
                    section = SectionOther;
                    if (reader.ValueTextEquals("choices"u8))
                    {
                        section = SectionChoices;
                    }
                    else if (reader.ValueTextEquals("usage"u8))
                    {
                        section = SectionUsage;
                    }
                    else if (reader.ValueTextEquals("x_sim_ts"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Number)
                        {
                            fields.ServerTimestamp = ReadLong(ref reader);
                            fields.HasServerTimestamp = true;
                        }
                    }
                    else if (reader.ValueTextEquals("error"u8))
                    {
                        reader.Read();
                        fields.IsError |= reader.TokenType is not JsonTokenType.Null;
                    }
                    else if (reader.ValueTextEquals("object"u8))
                    {
                        reader.Read();
                        fields.IsError |= reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                    }

                    break;
                case 2 when section == SectionUsage:
                    inDetails = reader.ValueTextEquals("prompt_tokens_details"u8);
                    if (reader.ValueTextEquals("prompt_tokens"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Number)
                        {
                            fields.PromptTokens = ReadLong(ref reader);
                        }
                    }
                    else if (reader.ValueTextEquals("completion_tokens"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Number)
                        {
                            fields.CompletionTokens = ReadLong(ref reader);
                        }
                    }

                    break;
                case 3 when section == SectionUsage && inDetails:
                    if (reader.ValueTextEquals("cached_tokens"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Number)
                        {
                            fields.CachedTokens = ReadLong(ref reader);
                        }
                    }

                    break;
                case 3 when section == SectionChoices:
                    inContainer = false;
                    if (reader.ValueTextEquals("delta"u8) || reader.ValueTextEquals("message"u8))
                    {
                        inContainer = true;
                    }
                    else if (reader.ValueTextEquals("text"u8))
                    {
                        reader.Read();
                        AppendString(ref reader, text);
                    }

                    break;
                case 4 when section == SectionChoices && inContainer && reader.ValueTextEquals("tool_calls"u8):
                    tools.Enter();
                    break;
                case 6 or 7 when section == SectionChoices && tools.Active:
                    tools.Property(ref reader, json);
                    break;
                case 4 when section == SectionChoices && inContainer:
                    if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
                    {
                        reader.Read();
                        AppendString(ref reader, text);
                    }

                    break;
            }
        }

        EnsureEnd(ref reader, json);
    }

    /// <summary>A reader of <paramref name="json"/> past its opening brace; throws when it is empty or no object.</summary>
    internal static Utf8JsonReader OpenObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        if (!reader.Read())
        {
            throw new JsonException("empty event data");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("event data is not a JSON object");
        }

        return reader;
    }

    /// <summary>Throws when anything but white space follows the object the reader read to its end.</summary>
    internal static void EnsureEnd(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.BytesConsumed != json.Length && !IsWhiteSpace(json[(int)reader.BytesConsumed..]))
        {
            throw new JsonException("unexpected data after the JSON object");
        }
    }

    internal static long ReadLong(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var value))
        {
            return value;
        }

        return (long)reader.GetDouble();
    }

    internal static void AppendString(ref Utf8JsonReader reader, PooledByteBuffer text)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return;
        }

        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            text.Append(raw);
            return;
        }

        try
        {
            var written = reader.CopyString(text.GetSpan(raw.Length));
            text.Advance(written);
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape or invalid UTF-8: Python's json accepts it and so must the request; the
            // text is kept with U+FFFD in place of what cannot be decoded (only the prediction is affected).
            LenientUnescape(raw, text);
        }
    }

    private static void LenientUnescape(ReadOnlySpan<byte> raw, PooledByteBuffer text)
    {
        var chars = new System.Text.StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\' || i + 1 >= raw.Length)
            {
                var start = i;
                while (i + 1 < raw.Length && raw[i + 1] != (byte)'\\')
                {
                    i++;
                }

                chars.Append(System.Text.Encoding.UTF8.GetString(raw[start..(i + 1)]));
                continue;
            }

            var c = raw[++i];
            switch (c)
            {
                case (byte)'n': chars.Append('\n'); break;
                case (byte)'r': chars.Append('\r'); break;
                case (byte)'t': chars.Append('\t'); break;
                case (byte)'b': chars.Append('\b'); break;
                case (byte)'f': chars.Append('\f'); break;
                case (byte)'u' when i + 4 < raw.Length && System.Buffers.Text.Utf8Parser.TryParse(raw.Slice(i + 1, 4), out ushort unit, out var used, 'x') && used == 4:
                    chars.Append((char)unit);
                    i += 4;
                    break;
                default: chars.Append((char)c); break;
            }
        }

        // Encoding.UTF8 turns every unpaired surrogate into U+FFFD.
        text.Append(System.Text.Encoding.UTF8.GetBytes(chars.ToString()));
    }

    private static bool IsWhiteSpace(ReadOnlySpan<byte> rest)
    {
        foreach (var b in rest)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
