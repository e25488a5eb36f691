using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>
/// The native streams the reference parses (MindIE <c>/infer</c>, TGI <c>/generate_stream</c>, Triton
/// <c>generate_stream</c>), byte for byte as the servers' documentation shows them, through the SSE splitter and
/// <see cref="NativeChunkParser"/>.
/// </summary>
public sealed class NativeChunkParserTests
{
    // TGI 1.x/2.x: "data:" without a space, one token per event, the whole text and details on the last one.
    private const string TgiStream =
        "data:{\"index\":1,\"token\":{\"id\":89554,\"text\":\" Deep\",\"logprob\":-0.9719473,\"special\":false},\"generated_text\":null,\"details\":null}\n\n"
        + "data:{\"index\":2,\"token\":{\"id\":89950,\"text\":\" Learning\",\"logprob\":-0.39028463,\"special\":false},\"generated_text\":null,\"details\":null}\n\n"
        + "data:{\"index\":3,\"token\":{\"id\":632,\"text\":\" is\",\"logprob\":-0.56862223,\"special\":false},\"generated_text\":\" Deep Learning is\",\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":3,\"seed\":null}}\n\n";

    // MindIE's documented /infer stream: token ids in arrays, the last event's text null, generated_text the whole text.
    private const string MindieStream =
        "data: {\"prefill_time\":45.54,\"decode_time\":null,\"token\":{\"id\":[626],\"text\":\"am\"}}\n\n"
        + "data: {\"prefill_time\":null,\"decode_time\":128.32,\"token\":{\"id\":[263],\"text\":\" a\"}}\n\n"
        + "data: {\"prefill_time\":null,\"decode_time\":16.80,\"token\":{\"id\":[29896],\"text\":\"1\"}}\n\n"
        + "data: {\"prefill_time\":null,\"decode_time\":16.80,\"generated_text\":\"am a 15\",\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":4,\"seed\":846930886},\"token\":{\"id\":[29945],\"text\":null}}\n\n";

    // Triton's generate_stream (TensorRT-LLM ensemble): text_output piece by piece, no final event, no [DONE].
    private const string TritonStream =
        "data: {\"context_logits\":0.0,\"cum_log_probs\":0.0,\"generation_logits\":0.0,\"model_name\":\"ensemble\",\"model_version\":\"1\",\"output_log_probs\":0.0,\"sequence_end\":false,\"sequence_id\":0,\"sequence_start\":false,\"text_output\":\"Count\"}\n\n"
        + "data: {\"context_logits\":0.0,\"cum_log_probs\":0.0,\"generation_logits\":0.0,\"model_name\":\"ensemble\",\"model_version\":\"1\",\"output_log_probs\":[0.0,0.0],\"sequence_end\":false,\"sequence_id\":0,\"sequence_start\":false,\"text_output\":\"ing\"}\n\n"
        + "data: {\"model_name\":\"ensemble\",\"model_version\":\"1\",\"text_output\":\"\"}\n\n"
        + "data: {\"model_name\":\"ensemble\",\"model_version\":\"1\",\"text_output\":\" in French\\n\"}\n\n";

    private static (string Text, ChunkFields Fields, List<bool> Content) ReadStream(string stream, int piece)
    {
        using var reader = new SseEventReader(64);
        using var text = new PooledByteBuffer(16);
        var fields = default(ChunkFields);
        fields.Reset();
        var content = new List<bool>();
        var bytes = Encoding.UTF8.GetBytes(stream);
        for (var offset = 0; ;)
        {
            while (reader.TryReadEvent())
            {
                content.Add(NativeChunkParser.Parse(reader.Data, text, ref fields));
            }

            if (offset >= bytes.Length)
            {
                reader.Commit(0);
                while (reader.TryReadEvent())
                {
                    content.Add(NativeChunkParser.Parse(reader.Data, text, ref fields));
                }

                break;
            }

            var memory = reader.GetReadMemory();
            var count = Math.Min(Math.Min(piece, bytes.Length - offset), memory.Length);
            bytes.AsSpan(offset, count).CopyTo(memory.Span);
            reader.Commit(count);
            offset += count;
        }

        return (Encoding.UTF8.GetString(text.WrittenSpan), fields, content);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Tgi_stream_gives_a_token_per_event_the_final_text_and_the_servers_token_count(int piece)
    {
        var (text, fields, content) = ReadStream(TgiStream, piece);
        Assert.Equal([true, true, true], content);
        Assert.Equal(" Deep Learning is", text);
        Assert.Equal(3, fields.CompletionTokens);
        Assert.Equal(-1, fields.PromptTokens);
        Assert.True(fields.Finished);
        Assert.False(fields.IsError);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void Mindie_stream_takes_generated_text_even_where_the_last_tokens_text_is_null(int piece)
    {
        var (text, fields, content) = ReadStream(MindieStream, piece);
        Assert.Equal([true, true, true, true], content);
        Assert.Equal("am a 15", text);
        Assert.Equal(4, fields.CompletionTokens);
        Assert.True(fields.Finished);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void Triton_stream_appends_text_output_and_an_empty_piece_is_no_content(int piece)
    {
        var (text, fields, content) = ReadStream(TritonStream, piece);
        Assert.Equal([true, true, false, true], content);
        Assert.Equal("Counting in French\n", text);
        Assert.Equal(-1, fields.CompletionTokens);
        Assert.False(fields.Finished);
    }

    [Fact]
    public void Whole_answers_of_tgi_mindie_and_triton()
    {
        Assert.Equal(("am a French", 20L), Whole("{\"generated_text\":\"am a French\",\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":20,\"seed\":846930886}}"));
        Assert.Equal(("Seven.", -1L), Whole("{\"generated_text\":\"Seven.\"}"));
        Assert.Equal(("What is ML?\nML is", -1L), Whole("{\"model_name\":\"tensorrt_llm\",\"model_version\":\"1\",\"text_output\":\"What is ML?\\nML is\"}"));
    }

    [Fact]
    public void A_details_token_list_does_not_add_text()
    {
        // TGI's /generate with details: true lists every token again under details.tokens
        var (text, count) = Whole("{\"generated_text\":\" a b\",\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":2,\"tokens\":[{\"id\":1,\"text\":\" a\"},{\"id\":2,\"text\":\" b\"}]}}");
        Assert.Equal((" a b", 2L), (text, count));
    }

    [Fact]
    public void An_error_event_and_malformed_json_are_told_apart()
    {
        var fields = default(ChunkFields);
        fields.Reset();
        using var text = new PooledByteBuffer(16);
        NativeChunkParser.Parse("{\"error\":\"Request failed during generation: Server error: CUDA out of memory\",\"error_type\":\"generation\"}"u8, text, ref fields);
        Assert.True(fields.IsError);
        Assert.ThrowsAny<JsonException>(() => NativeChunkParser.Parse("{\"token\":{\"id\":1,\"text\":\" broken"u8, text, ref fields));
        Assert.ThrowsAny<JsonException>(() => NativeChunkParser.Parse("[{\"generated_text\":\"x\"}]"u8, text, ref fields));
    }

    private static (string Text, long Count) Whole(string json)
    {
        var fields = default(ChunkFields);
        fields.Reset();
        using var text = new PooledByteBuffer(16);
        NativeChunkParser.Parse(Encoding.UTF8.GetBytes(json), text, ref fields);
        return (Encoding.UTF8.GetString(text.WrittenSpan), fields.CompletionTokens);
    }
}
