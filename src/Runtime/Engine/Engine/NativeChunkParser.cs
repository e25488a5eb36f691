using System;
using System.Text.Json;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Reads one JSON document of a native API (a streamed event or a whole answer) with <see cref="Utf8JsonReader"/>,
/// the fields the reference reads and the ones a record needs:
/// <list type="bullet">
/// <item>TGI and MindIE: <c>token.text</c> (one generated token per event, its text appended), <c>generated_text</c>
/// (the whole text, on the last event or the answer: it replaces what the tokens added, as the reference takes it),
/// <c>details.generated_tokens</c> (the server's output token count) and <c>details.finish_reason</c>;</item>
/// <item>Triton: <c>text_output</c> (appended: a stream sends it piece by piece);</item>
/// <item>any: <c>error</c> (an error object), <c>x_sim_ts</c> (the simulator's stamp).</item>
/// </list>
/// Invalid JSON throws <see cref="JsonException"/>, like <see cref="ChunkParser"/>.
/// </summary>
internal static class NativeChunkParser
{
    private const int SectionOther = 0;
    private const int SectionToken = 1;
    private const int SectionDetails = 2;

    /// <summary>Parses <paramref name="json"/>; true when it carried a generated token (a content event).</summary>
    public static bool Parse(ReadOnlySpan<byte> json, PooledByteBuffer text, ref ChunkFields fields)
    {
        try
        {
            return ParseObject(json, text, ref fields);
        }
        catch (InvalidOperationException e)
        {
            throw ChunkParser.InvalidEscape(e);
        }
    }

    private static bool ParseObject(ReadOnlySpan<byte> json, PooledByteBuffer text, ref ChunkFields fields)
    {
        fields.HasServerTimestamp = false;
        var reader = ChunkParser.OpenObject(json);
        var section = SectionOther;
        var content = false;
        var replaced = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1)
            {
                section = SectionOther;
                if (reader.ValueTextEquals("token"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        section = SectionToken;
                        content = true;
                    }
                }
                else if (reader.ValueTextEquals("details"u8))
                {
                    section = SectionDetails;
                }
                else if (reader.ValueTextEquals("generated_text"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        text.Reset();
                        ChunkParser.AppendString(ref reader, text);
                        replaced = true;
                        fields.Finished = true;
                    }
                }
                else if (reader.ValueTextEquals("text_output"u8))
                {
                    reader.Read();
                    var before = text.Length;
                    ChunkParser.AppendString(ref reader, text);
                    content |= text.Length != before;
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    fields.IsError |= reader.TokenType is not JsonTokenType.Null;
                }
                else if (reader.ValueTextEquals("x_sim_ts"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        fields.ServerTimestamp = ChunkParser.ReadLong(ref reader);
                        fields.HasServerTimestamp = true;
                    }
                }
            }
            else if (reader.CurrentDepth == 2 && section == SectionToken && reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (!replaced)
                {
                    ChunkParser.AppendString(ref reader, text);
                }
            }
            else if (reader.CurrentDepth == 2 && section == SectionDetails)
            {
                if (reader.ValueTextEquals("generated_tokens"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        fields.CompletionTokens = ChunkParser.ReadLong(ref reader);
                    }
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    fields.Finished |= reader.TokenType == JsonTokenType.String;
                }
            }
        }

        ChunkParser.EnsureEnd(ref reader, json);
        return content;
    }
}
