using System;
using System.Text.RegularExpressions;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>The native APIs' request bodies and paths, as the reference's models build them.</summary>
public sealed class NativeRequestBodyTests
{
    private static string Write(ModelEndpoint endpoint, PromptRow row) => RequestBodyWriterTests.Write(endpoint, row);

    [Fact]
    public void Mindie_sends_inputs_stream_true_and_parameters_with_max_new_tokens()
    {
        var body = Write(ModelEndpoint.MindieStream("a").WithGeneration(g => g.WithTemperature(0.01).WithIgnoreEos(false)), new PromptRow(0, "Hi \"you\"", MaxTokens: 7));
        Assert.Equal("{\"inputs\":\"Hi \\\"you\\\"\",\"stream\":true,\"parameters\":{\"max_new_tokens\":7,\"temperature\":0.01,\"ignore_eos\":false}}", body);
    }

    [Fact]
    public void Tgi_sends_inputs_and_parameters_and_a_generation_argument_replaces_max_new_tokens()
    {
        Assert.Equal("{\"inputs\":\"p\",\"parameters\":{\"max_new_tokens\":512}}", Write(ModelEndpoint.Tgi("a"), new PromptRow(0, "p")));
        var body = Write(ModelEndpoint.TgiStream("a").WithGeneration(g => g.With("max_new_tokens", 3L).With("details", true)), new PromptRow(0, "p", MaxTokens: 9));
        Assert.Equal("{\"inputs\":\"p\",\"parameters\":{\"max_new_tokens\":3,\"details\":true}}", body);
    }

    [Fact]
    public void Triton_sends_a_fresh_uuid_text_input_and_parameters()
    {
        var first = Write(ModelEndpoint.TritonStream("a") with { MaxOutLen = 16 }, new PromptRow(0, "p"));
        var second = Write(ModelEndpoint.Triton("a") with { MaxOutLen = 16 }, new PromptRow(0, "p"));
        var shape = new Regex("^\\{\"id\":\"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\",\"text_input\":\"p\",\"parameters\":\\{\"max_new_tokens\":16\\}\\}$");
        Assert.Matches(shape, first);
        Assert.Matches(shape, second);
        Assert.NotEqual(shape.Match(first).Groups[1].Value, shape.Match(second).Groups[1].Value);
    }

    [Theory]
    [InlineData("http://h:8080", ApiKind.MindieStream, null, "http://h:8080/infer")]
    [InlineData("http://h:8080/", ApiKind.Tgi, null, "http://h:8080/generate")]
    [InlineData("http://h:8080/tgi/", ApiKind.TgiStream, null, "http://h:8080/tgi/generate_stream")]
    [InlineData("http://h:8000", ApiKind.Triton, "ensemble", "http://h:8000/v2/models/ensemble/generate")]
    [InlineData("http://h:8000", ApiKind.TritonStream, "my model", "http://h:8000/v2/models/my%20model/generate_stream")]
    [InlineData("http://h:8000/v1", ApiKind.StreamChat, "m", "http://h:8000/v1/chat/completions")]
    public void Paths_join_below_the_base_url(string baseUrl, ApiKind api, string? model, string expected)
    {
        Assert.Equal(expected, EndpointPaths.Api(new Uri(baseUrl), new ModelEndpoint("a") { Api = api, Model = model }).AbsoluteUri);
    }
}
