using System;
using System.Buffers;
using System.Buffers.Text;
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
internal sealed class SseEventWriter
{
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
        Write(_head);
        Write("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]"u8);
        WriteTail();
        return _writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// One token's event; <paramref name="finishReason"/> marks the last one, and <paramref name="usage"/> (prompt,
    /// completion) puts usage into it (llama.cpp style).
    /// </summary>
    public ValueTask<FlushResult> WriteTokenAsync(
        ReadOnlySpan<byte> text, string? finishReason, (int Prompt, int Completion)? usage, CancellationToken cancellationToken)
    {
        Write(_head);
        Write(_chat ? "{\"index\":0,\"delta\":{\"content\":\""u8 : "{\"index\":0,\"text\":\""u8);
        Write(text);
        if (finishReason is null)
        {
            Write(_chat
                ? "\"},\"logprobs\":null,\"finish_reason\":null}]"u8
                : "\",\"logprobs\":null,\"finish_reason\":null,\"stop_reason\":null}]"u8);
        }
        else
        {
            Write(_chat ? "\"},\"logprobs\":null,\"finish_reason\":\""u8 : "\",\"logprobs\":null,\"finish_reason\":\""u8);
            Write(finishReason == "length" ? "length"u8 : finishReason == "stop" ? "stop"u8 : Encoding.UTF8.GetBytes(finishReason));
            Write("\",\"stop_reason\":null}]"u8);
        }

        if (usage is { } counts)
        {
            WriteUsage(counts.Prompt, counts.Completion);
        }

        WriteTail();
        return _writer.FlushAsync(cancellationToken);
    }

    /// <summary>The usage-only event: <c>"choices": []</c> and <c>usage</c>.</summary>
    public ValueTask<FlushResult> WriteUsageAsync(int promptTokens, int completionTokens, CancellationToken cancellationToken)
    {
        Write(_head);
        Write("]"u8);
        WriteUsage(promptTokens, completionTokens);
        WriteTail();
        return _writer.FlushAsync(cancellationToken);
    }

    /// <summary>An event whose data is cut-off JSON.</summary>
    public ValueTask<FlushResult> WriteMalformedAsync(CancellationToken cancellationToken)
    {
        Write(_head);
        Write(_chat ? "{\"index\":0,\"delta\":{\"content\":\" broken"u8 : "{\"index\":0,\"text\":\" broken"u8);
        Write("\n\n"u8);
        return _writer.FlushAsync(cancellationToken);
    }

    /// <summary>The end of the stream: <c>data: [DONE]</c>.</summary>
    public ValueTask<FlushResult> WriteDoneAsync(CancellationToken cancellationToken)
    {
        Write("data: [DONE]\n\n"u8);
        return _writer.FlushAsync(cancellationToken);
    }

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    private void WriteUsage(int promptTokens, int completionTokens)
    {
        Write(",\"usage\":{\"prompt_tokens\":"u8);
        WriteNumber(promptTokens);
        Write(",\"total_tokens\":"u8);
        WriteNumber((long)promptTokens + completionTokens);
        Write(",\"completion_tokens\":"u8);
        WriteNumber(completionTokens);
        Write("}"u8);
    }

    private void WriteTail()
    {
        Write(",\"x_sim_ts\":"u8);
        WriteNumber(Stopwatch.GetTimestamp());
        Write("}\n\n"u8);
    }

    private void WriteNumber(long value)
    {
        var span = _writer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        _writer.Advance(written);
    }

    private void Write(ReadOnlySpan<byte> bytes) => _writer.Write(bytes);
}
