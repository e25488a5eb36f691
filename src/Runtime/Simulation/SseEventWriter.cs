using System;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// Writes one stream's server-sent events the way vLLM shapes them, from byte templates with the varying parts
/// spliced in, and flushes each event. Every JSON event ends with <c>"x_sim_ts"</c>: the
/// <see cref="Stopwatch"/> reading taken just before the event is handed to the socket.
/// </summary>
internal sealed class SseEventWriter : IStreamEventWriter
{
    /// <summary>Room for everything in an event but its head and content (usage, stamp, finish reason).</summary>
    private const int Reserve = 256;

    /// <summary>Content up to this size is copied into the event's span; bigger content is written on its own.</summary>
    private const int SmallText = 1024;

    private readonly PipeWriter _writer;
    private readonly byte[] _head;
    private readonly bool _chat;

    /// <param name="writer">The response body.</param>
    /// <param name="chat">Chat chunks (<c>delta</c>) or completions chunks (<c>text</c>).</param>
    /// <param name="id">The response id (<c>chatcmpl-...</c> or <c>cmpl-...</c>).</param>
    /// <param name="created">Unix seconds.</param>
    /// <param name="model">The served model name.</param>
    public SseEventWriter(PipeWriter writer, bool chat, string id, long created, string model)
    {
        _writer = writer;
        _chat = chat;
        var kind = chat ? "chat.completion.chunk" : "text_completion";
        _head = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"data: {{\"id\":{Quote(id)},\"object\":\"{kind}\",\"created\":{created},\"model\":{Quote(model)},\"choices\":["));
    }

    /// <summary>The chat stream's first event: the assistant role with empty content.</summary>
    public ValueTask<FlushResult> WriteRoleAsync(CancellationToken cancellationToken)
    {
        var buffer = Begin(0);
        buffer.Put("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]"u8);
        return End(ref buffer, cancellationToken);
    }

    /// <summary>
    /// One token's event; <paramref name="finishReason"/> marks the last one, and <paramref name="usage"/> (prompt,
    /// completion) puts usage into it (llama.cpp style), with <paramref name="cachedTokens"/> when the prefix cache is on.
    /// </summary>
    public ValueTask<FlushResult> WriteTokenAsync(
        ReadOnlySpan<byte> text, string? finishReason, (int Prompt, int Completion)? usage, CancellationToken cancellationToken, int? cachedTokens = null)
    {
        var buffer = Begin(SmallText);
        buffer.Put(_chat ? "{\"index\":0,\"delta\":{\"content\":\""u8 : "{\"index\":0,\"text\":\""u8);
        if (text.Length > SmallText)
        {
            // A huge token goes straight into the pipe; the rest of the event gets a span of its own.
            _writer.Advance(buffer.Length);
            _writer.Write(text);
            buffer = new EventBuffer(_writer.GetSpan(Reserve));
        }
        else
        {
            buffer.Put(text);
        }

        if (finishReason is null)
        {
            buffer.Put(_chat
                ? "\"},\"logprobs\":null,\"finish_reason\":null}]"u8
                : "\",\"logprobs\":null,\"finish_reason\":null,\"stop_reason\":null}]"u8);
        }
        else
        {
            buffer.Put(_chat ? "\"},\"logprobs\":null,\"finish_reason\":\""u8 : "\",\"logprobs\":null,\"finish_reason\":\""u8);
            buffer.Put(finishReason == "length" ? "length"u8 : "stop"u8);
            buffer.Put("\",\"stop_reason\":null}]"u8);
        }

        if (usage is { } counts)
        {
            PutUsage(ref buffer, counts.Prompt, counts.Completion, cachedTokens);
        }

        return End(ref buffer, cancellationToken);
    }

    /// <summary>
    /// One token of a function call: <c>delta.tool_calls</c> with the call's <paramref name="id"/> and
    /// <paramref name="name"/> on the first (null afterwards) and <paramref name="piece"/> (JSON-escaped) of its
    /// arguments; the last carries <c>finish_reason</c> <c>tool_calls</c> (or <c>length</c>).
    /// </summary>
    public ValueTask<FlushResult> WriteToolCallAsync(
        string? id, string? name, ReadOnlySpan<byte> piece, string? finishReason, (int Prompt, int Completion)? usage, CancellationToken cancellationToken, int? cachedTokens = null)
    {
        var buffer = Begin(SmallText + piece.Length);
        buffer.Put("{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"u8);
        if (id is not null && name is not null)
        {
            buffer.Put("\"id\":"u8);
            buffer.Put(Encoding.UTF8.GetBytes(Quote(id)));
            buffer.Put(",\"type\":\"function\",\"function\":{\"name\":"u8);
            buffer.Put(Encoding.UTF8.GetBytes(Quote(name)));
            buffer.Put(",\"arguments\":\""u8);
        }
        else
        {
            buffer.Put("\"function\":{\"arguments\":\""u8);
        }

        buffer.Put(piece);
        buffer.Put("\"}}]},\"logprobs\":null,\"finish_reason\":"u8);
        buffer.Put(finishReason is null ? "null"u8 : finishReason == "length" ? "\"length\""u8 : "\"tool_calls\""u8);
        buffer.Put("}]"u8);
        if (usage is { } counts)
        {
            PutUsage(ref buffer, counts.Prompt, counts.Completion, cachedTokens);
        }

        return End(ref buffer, cancellationToken);
    }

    /// <summary>The usage-only event: <c>"choices": []</c> and <c>usage</c> (with <c>prompt_tokens_details</c> when <paramref name="cachedTokens"/> is given).</summary>
    public ValueTask<FlushResult> WriteUsageAsync(int promptTokens, int completionTokens, CancellationToken cancellationToken, int? cachedTokens = null)
    {
        var buffer = Begin(0);
        buffer.Put("]"u8);
        PutUsage(ref buffer, promptTokens, completionTokens, cachedTokens);
        return End(ref buffer, cancellationToken);
    }

    /// <summary>An event whose data is cut-off JSON.</summary>
    public ValueTask<FlushResult> WriteMalformedAsync(CancellationToken cancellationToken)
    {
        var buffer = Begin(0);
        buffer.Put(_chat ? "{\"index\":0,\"delta\":{\"content\":\" broken"u8 : "{\"index\":0,\"text\":\" broken"u8);
        buffer.Put("\n\n"u8);
        _writer.Advance(buffer.Length);
        return _writer.FlushAsync(cancellationToken);
    }

    /// <summary>The end of the stream: <c>data: [DONE]</c>.</summary>
    public ValueTask<FlushResult> WriteDoneAsync(CancellationToken cancellationToken)
    {
        var buffer = new EventBuffer(_writer.GetSpan(Reserve));
        buffer.Put("data: [DONE]\n\n"u8);
        _writer.Advance(buffer.Length);
        return _writer.FlushAsync(cancellationToken);
    }

    private static void PutUsage(ref EventBuffer buffer, int promptTokens, int completionTokens, int? cachedTokens)
    {
        buffer.Put(",\"usage\":{\"prompt_tokens\":"u8);
        buffer.Put(promptTokens);
        buffer.Put(",\"total_tokens\":"u8);
        buffer.Put((long)promptTokens + completionTokens);
        buffer.Put(",\"completion_tokens\":"u8);
        buffer.Put(completionTokens);
        if (cachedTokens is { } cached)
        {
            buffer.Put(",\"prompt_tokens_details\":{\"cached_tokens\":"u8);
            buffer.Put(cached);
            buffer.Put("}"u8);
        }

        buffer.Put("}"u8);
    }

    /// <summary>A span for the event (its head written) with room for <paramref name="text"/> more bytes of content.</summary>
    private EventBuffer Begin(int text)
    {
        var buffer = new EventBuffer(_writer.GetSpan(_head.Length + text + Reserve));
        buffer.Put(_head);
        return buffer;
    }

    /// <summary>Stamps the event just before it is handed over, closes it and flushes it into <paramref name="writer"/>.</summary>
    internal static ValueTask<FlushResult> End(PipeWriter writer, ref EventBuffer buffer, CancellationToken cancellationToken)
    {
        buffer.Put(",\"x_sim_ts\":"u8);
        buffer.Put(Stopwatch.GetTimestamp());
        buffer.Put("}\n\n"u8);
        writer.Advance(buffer.Length);
        return writer.FlushAsync(cancellationToken);
    }

    private ValueTask<FlushResult> End(ref EventBuffer buffer, CancellationToken cancellationToken) => End(_writer, ref buffer, cancellationToken);

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";
}
