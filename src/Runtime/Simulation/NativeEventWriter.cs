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
/// A native API's stream, event by event as the server shapes it (every event ends with the simulator's
/// <c>"x_sim_ts"</c> stamp, as vLLM-shaped ones do):
/// <list type="bullet">
/// <item>TGI <c>data:{"index":1,"token":{"id","text","logprob","special"},"generated_text":null,"details":null}</c>, the
/// last with <c>generated_text</c> (the whole text) and <c>details</c> (<c>finish_reason</c>, <c>generated_tokens</c>);</item>
/// <item>MindIE <c>data: {"prefill_time","decode_time","token":{"id":[...],"text"}}</c>, the last with
/// <c>generated_text</c> and <c>details</c> and its token's text null, as MindIE's documentation shows it;</item>
/// <item>Triton <c>data: {"model_name","model_version","text_output"}</c>, one per token, no final event.</item>
/// </list>
/// None ends with <c>[DONE]</c>: the stream ends with the response body.
/// </summary>
internal sealed class NativeEventWriter : IStreamEventWriter
{
    private const int Reserve = 256;

    private readonly PipeWriter _writer;
    private readonly NativeApi _api;
    private readonly byte[] _tritonHead;
    private readonly ArrayBufferWriter<byte> _text = new();
    private long _previous = Stopwatch.GetTimestamp();
    private int _index;

    public NativeEventWriter(PipeWriter writer, NativeApi api, string model)
    {
        _writer = writer;
        _api = api;
        _tritonHead = Encoding.UTF8.GetBytes("data: {\"model_name\":" + JsonSerializer.Serialize(model) + ",\"model_version\":\"1\",\"text_output\":\"");
    }

    public ValueTask<FlushResult> WriteRoleAsync(CancellationToken cancellationToken) => Nothing();

    public ValueTask<FlushResult> WriteTokenAsync(ReadOnlySpan<byte> text, string? finishReason, (int Prompt, int Completion)? usage, CancellationToken cancellationToken, int? cachedTokens = null)
    {
        _index++;
        _text.Write(text);
        var buffer = new EventBuffer(_writer.GetSpan(Reserve + (text.Length * 2) + (finishReason is null ? 0 : _text.WrittenCount)));
        switch (_api)
        {
            case NativeApi.TritonGenerateStream:
                buffer.Put(_tritonHead);
                buffer.Put(text);
                buffer.Put("\""u8);
                break;
            case NativeApi.TgiGenerateStream:
                buffer.Put("data:{\"index\":"u8);
                buffer.Put(_index);
                buffer.Put(",\"token\":{\"id\":"u8);
                buffer.Put(TokenId());
                buffer.Put(",\"text\":\""u8);
                buffer.Put(text);
                buffer.Put("\",\"logprob\":-0.25,\"special\":false}"u8);
                if (finishReason is null)
                {
                    buffer.Put(",\"generated_text\":null,\"details\":null"u8);
                }
                else
                {
                    PutFinal(ref buffer, finishReason);
                }

                break;
            default:
                var now = Stopwatch.GetTimestamp();
                var ms = Encoding.UTF8.GetBytes(((now - _previous) * 1000.0 / Stopwatch.Frequency).ToString("0.##", CultureInfo.InvariantCulture));
                _previous = now;
                buffer.Put(_index == 1 ? "data: {\"prefill_time\":"u8 : "data: {\"prefill_time\":null,\"decode_time\":"u8);
                buffer.Put(ms);
                if (_index == 1)
                {
                    buffer.Put(",\"decode_time\":null"u8);
                }

                if (finishReason is not null)
                {
                    PutFinal(ref buffer, finishReason);
                }

                buffer.Put(",\"token\":{\"id\":["u8);
                buffer.Put(TokenId());
                if (finishReason is null)
                {
                    buffer.Put("],\"text\":\""u8);
                    buffer.Put(text);
                    buffer.Put("\"}"u8);
                }
                else
                {
                    buffer.Put("],\"text\":null}"u8);
                }

                break;
        }

        return SseEventWriter.End(_writer, ref buffer, cancellationToken);
    }

    public ValueTask<FlushResult> WriteUsageAsync(int promptTokens, int completionTokens, CancellationToken cancellationToken, int? cachedTokens = null) => Nothing();

    public ValueTask<FlushResult> WriteMalformedAsync(CancellationToken cancellationToken)
    {
        var buffer = new EventBuffer(_writer.GetSpan(Reserve));
        buffer.Put(_api == NativeApi.TritonGenerateStream ? "data: {\"text_output\":\" broken\n\n"u8 : "data:{\"token\":{\"id\":1,\"text\":\" broken\n\n"u8);
        _writer.Advance(buffer.Length);
        return _writer.FlushAsync(cancellationToken);
    }

    public ValueTask<FlushResult> WriteDoneAsync(CancellationToken cancellationToken) => Nothing();

    /// <summary>The whole body of a native answer that is not streamed.</summary>
    public static byte[] Whole(NativeApi api, string model, string text, string finishReason, int tokens, bool details)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (text.Length * 2));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (api is NativeApi.TritonGenerate or NativeApi.TritonGenerateStream)
            {
                json.WriteString("model_name", model);
                json.WriteString("model_version", "1");
                json.WriteString("text_output", text);
            }
            else
            {
                json.WriteString("generated_text", text);
                if (details)
                {
                    json.WriteStartObject("details");
                    json.WriteString("finish_reason", FinishReason(finishReason));
                    json.WriteNumber("generated_tokens", tokens);
                    json.WriteNull("seed");
                    json.WriteEndObject();
                }
            }

            json.WriteNumber("x_sim_ts", Stopwatch.GetTimestamp());
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>TGI's and MindIE's finish reasons: <c>length</c>, or <c>eos_token</c> for a natural stop.</summary>
    private static string FinishReason(string reason) => reason == "length" ? "length" : "eos_token";

    private static ValueTask<FlushResult> Nothing() => ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: false));

    private long TokenId() => 1000 + ((_index - 1) % 10);

    private void PutFinal(ref EventBuffer buffer, string finishReason)
    {
        buffer.Put(",\"generated_text\":\""u8);
        buffer.Put(_text.WrittenSpan);
        buffer.Put("\",\"details\":{\"finish_reason\":\""u8);
        buffer.Put(Encoding.UTF8.GetBytes(FinishReason(finishReason)));
        buffer.Put("\",\"generated_tokens\":"u8);
        buffer.Put(_index);
        buffer.Put(",\"seed\":null}"u8);
    }
}
