using System.Text;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class RequestBodyWriterTests
{
    /// <summary>The body <paramref name="endpoint"/> writes for <paramref name="row"/> (written twice: the writer is reused).</summary>
    internal static string Write(ModelEndpoint endpoint, PromptRow row)
    {
        var writer = new RequestBodyWriter(endpoint, "m-served");
        using var buffer = new PooledByteBuffer(8);
        using var json = RequestBodyWriter.CreateWriter(buffer);
        writer.Write(json, buffer, row);
        writer.Write(json, buffer, row);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Streaming_chat_body()
    {
        var body = Write(ModelEndpoint.StreamChat("a") with { MaxOutLen = 64 }, new PromptRow(0, "Hi \"you\" é"));
        Assert.Equal("{\"model\":\"m-served\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi \\\"you\\\" é\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":64}", body);
    }

    [Fact]
    public void Row_max_tokens_wins_and_completions_use_prompt_without_stream_options()
    {
        var body = Write(ModelEndpoint.Completions("a"), new PromptRow(0, "p", MaxTokens: 7));
        Assert.Equal("{\"model\":\"m-served\",\"prompt\":\"p\",\"stream\":false,\"max_tokens\":7}", body);
    }

    [Fact]
    public void Generation_arguments_override_body_fields()
    {
        var endpoint = ModelEndpoint.StreamChat("a").WithGeneration(g => g.WithTemperature(0.5).WithIgnoreEos().With("max_tokens", 3L).WithJson("extra", "{\"k\":[1,2]}"));
        var body = Write(endpoint, new PromptRow(0, "p", MaxTokens: 99));
        Assert.Equal("{\"model\":\"m-served\",\"messages\":[{\"role\":\"user\",\"content\":\"p\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0.5,\"ignore_eos\":true,\"max_tokens\":3,\"extra\":{\"k\":[1,2]}}", body);
    }

    [Fact]
    public void Invalid_generation_json_names_the_endpoint_and_argument()
    {
        var endpoint = ModelEndpoint.StreamChat("bad-ep").WithGeneration(g => g.WithJson("temperature", "{oops"));
        var e = Assert.Throws<System.ArgumentException>(() => new RequestBodyWriter(endpoint, "m"));
        Assert.Contains("bad-ep", e.Message);
        Assert.Contains("temperature", e.Message);
    }
}
