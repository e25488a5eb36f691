using System.Text;
using System.Text.Json;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class ChunkParserTests
{
    private static (string Text, ChunkFields Fields) Parse(params string[] chunks)
    {
        using var text = new PooledByteBuffer(16);
        var fields = default(ChunkFields);
        fields.Reset();
        foreach (var chunk in chunks)
        {
            ChunkParser.Parse(Encoding.UTF8.GetBytes(chunk), text, ref fields);
        }

        return (Encoding.UTF8.GetString(text.WrittenSpan), fields);
    }

    [Fact]
    public void Accumulates_delta_content_and_reasoning_unescaped()
    {
        var (text, fields) = Parse(
            "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],\"usage\":null}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think \"}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello \\\"w\\u00f6rld\\\"\\n\"},\"logprobs\":{\"content\":\"not this\"}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"é中\"}}]}");
        Assert.Equal("think Hello \"wörld\"\né中", text);
        Assert.Equal(-1, fields.PromptTokens);
        Assert.Equal(-1, fields.CompletionTokens);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_property_name_is_malformed_json()
    {
        // Found by tests/Fuzz (target sse): System.Text.Json throws InvalidOperationException here, not JsonException.
        Assert.Throws<System.Text.Json.JsonException>(() => Parse("{\"ch\\ud800\":1,\"choices\":[]}"));
    }

    [Fact]
    public void A_lone_surrogate_escape_is_kept_as_a_replacement_character_not_an_error()
    {
        // Found by the fuzzing harness (tests/Fuzz, target sse): Python's json.loads accepts "\ud800", so the
        // reference keeps such a request; it must not fail here either.
        var (text, fields) = Parse(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\\ud800b\"}}]}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}");
        Assert.Equal("a\uFFFDb", text);
        Assert.Equal(1, fields.CompletionTokens);
    }

    [Fact]
    public void Takes_usage_from_a_separate_usage_chunk_vllm()
    {
        var (text, fields) = Parse(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],\"usage\":null}",
            "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"total_tokens\":19,\"completion_tokens\":7}}");
        Assert.Equal("a", text);
        Assert.Equal(12, fields.PromptTokens);
        Assert.Equal(7, fields.CompletionTokens);
    }

    [Fact]
    public void Takes_cached_prompt_tokens_from_prompt_tokens_details_and_nothing_else_named_so()
    {
        var (_, fields) = Parse(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"cached_tokens\":99}}],\"cached_tokens\":98}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":48,\"completion_tokens\":2,\"completion_tokens_details\":{\"cached_tokens\":97},\"prompt_tokens_details\":{\"audio_tokens\":0,\"cached_tokens\":32}}}");
        Assert.Equal(32, fields.CachedTokens);
        Assert.Equal(48, fields.PromptTokens);
        var (_, none) = Parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":48,\"completion_tokens\":2,\"prompt_tokens_details\":null}}");
        Assert.Equal(-1, none.CachedTokens);
    }

    [Fact]
    public void Takes_usage_from_the_last_choices_chunk_llamacpp()
    {
        var (text, fields) = Parse(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}",
            "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],\"usage\":{\"completion_tokens\":3,\"prompt_tokens\":5,\"total_tokens\":8},\"timings\":{\"prompt_n\":5}}");
        Assert.Equal("x", text);
        Assert.Equal(5, fields.PromptTokens);
        Assert.Equal(3, fields.CompletionTokens);
    }

    [Fact]
    public void Reads_completions_text_message_content_and_server_stamp()
    {
        var (text, fields) = Parse("{\"choices\":[{\"index\":0,\"text\":\"abc\"}],\"x_sim_ts\":123456789}");
        Assert.Equal("abc", text);
        Assert.True(fields.HasServerTimestamp);
        Assert.Equal(123456789, fields.ServerTimestamp);
        var (message, _) = Parse("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"whole\",\"reasoning_content\":null}}]}");
        Assert.Equal("whole", message);
    }

    [Theory]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"x\"")]
    [InlineData("{\"choices\":[}")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    [InlineData("[1,2]")]
    public void Malformed_json_throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(json));
    }

    [Fact]
    public void Flags_error_objects()
    {
        Assert.True(Parse("{\"error\":{\"message\":\"overloaded\"}}").Fields.IsError);
        Assert.True(Parse("{\"object\":\"error\",\"message\":\"bad\"}").Fields.IsError);
        Assert.False(Parse("{\"object\":\"chat.completion.chunk\",\"error\":null,\"choices\":[]}").Fields.IsError);
    }
}
