using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Tests.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>Without usage from the server, a chat prompt is counted as the reference does: through the chat template.</summary>
public sealed class EngineChatTokenCountTests
{
    private static readonly PromptRow[] Rows = [new PromptRow(0, "A A A"), new PromptRow(1, "A A A")];

    [Fact]
    public async Task Chat_input_tokens_count_the_ChatML_rendering_with_the_real_Qwen3_tokenizer()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 4, Usage = TestUsage.None });
        var request = EngineTestKit.Request(server, EngineTestKit.Endpoint(server), Rows, tokenizer: TestTokenizers.Qwen3);
        var (_, sink) = await EngineTestKit.RunAsync(request);

        // <|im_start|> user \n | A, " A", " A" | <|im_end|> \n <|im_start|> assistant \n
        Assert.Equal(2, sink.Records.Length);
        Assert.All(sink.Records, r =>
        {
            Assert.Equal(3 + 3 + 5, r.InputTokens);
            Assert.Equal("tokenizer", r.UsageSource);
        });
    }

    [Fact]
    public async Task Chat_input_tokens_count_the_DeepSeek_rendering_with_both_BOS()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 4, Usage = TestUsage.None });
        var request = EngineTestKit.Request(server, EngineTestKit.Endpoint(server), Rows, tokenizer: TestTokenizers.DeepSeekV3);
        var (_, sink) = await EngineTestKit.RunAsync(request);

        // BOS (encode) | BOS (template) | <｜User｜> | A, " A", " A" | <｜Assistant｜>
        Assert.All(sink.Records, r => Assert.Equal(7, r.InputTokens));
    }

    [Fact]
    public async Task Completions_input_tokens_count_the_bare_prompt()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 4, Usage = TestUsage.None });
        var endpoint = EngineTestKit.Endpoint(server) with { Api = ApiKind.StreamCompletions };
        var request = EngineTestKit.Request(server, endpoint, Rows, tokenizer: TestTokenizers.Qwen3);
        var (_, sink) = await EngineTestKit.RunAsync(request);

        Assert.Equal(2, sink.Records.Length);
        Assert.All(sink.Records, r => Assert.Equal(3, r.InputTokens));
    }

    [Fact]
    public async Task Server_usage_wins_over_the_template_count()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 4 });
        var request = EngineTestKit.Request(server, EngineTestKit.Endpoint(server), Rows, tokenizer: TestTokenizers.Qwen3);
        var (_, sink) = await EngineTestKit.RunAsync(request);

        Assert.Equal(2, sink.Records.Length);
        Assert.All(sink.Records, r =>
        {
            Assert.Equal("server", r.UsageSource);
            Assert.Equal(3, r.InputTokens);
        });
    }
}
