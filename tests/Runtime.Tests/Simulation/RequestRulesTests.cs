using System.Linq;
using System.Text.Json;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class RequestRulesTests
{
    [Theory]
    [InlineData(1.0, new long[] { 1, 2, 3, 4 })]
    [InlineData(0.25, new long[] { 4, 8 })]
    [InlineData(0.5, new long[] { 2, 4, 6, 8 })]
    [InlineData(0.1, new long[] { })]
    [InlineData(0.0, new long[] { })]
    public void Fault_rate_hits_evenly_spaced_ordinals(double rate, long[] expected)
    {
        var hit = Enumerable.Range(1, 8).Select(i => (long)i).Where(i => FaultSchedule.Affects(i, rate)).ToArray();
        Assert.Equal(rate >= 1.0 ? Enumerable.Range(1, 8).Select(i => (long)i).ToArray() : expected, hit);
    }

    [Fact]
    public void A_tenth_hits_exactly_one_in_ten_over_a_long_run()
    {
        Assert.Equal(100, Enumerable.Range(1, 1000).Count(i => FaultSchedule.Affects(i, 0.1)));
        Assert.True(FaultSchedule.Affects(10, 0.1));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("A A A ", 3)]
    [InlineData("  one\ttwo\nthree  ", 3)]
    public void Words_are_whitespace_separated(string text, int words) => Assert.Equal(words, PromptTokenCounter.CountWords(text));

    [Theory]
    [InlineData(10, false, 0, 4, 4, false)]
    [InlineData(10, true, 0, 4, 10, true)]
    [InlineData(3, false, 0, 4, 3, true)]
    [InlineData(null, false, 0, 4, 4, false)]
    [InlineData(null, true, 0, 4, 4, false)]
    [InlineData(10, false, 6, 4, 6, false)]
    [InlineData(5, false, 8, 4, 5, true)]
    public void Output_length_rules(int? max, bool ignoreEos, int minTokens, int fallback, int tokens, bool hitMax)
    {
        var request = new GenerationRequest { MaxTokens = max, IgnoreEos = ignoreEos, MinTokens = minTokens };
        Assert.Equal((tokens, hitMax), OutputLength.Decide(request, fallback));
    }

    [Fact]
    public void Parser_reads_the_fields_the_simulator_uses()
    {
        using var body = JsonDocument.Parse(
            """{"model":"m","messages":[{"role":"user","content":"a b"}],"stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":9,"max_tokens":3,"ignore_eos":true,"min_tokens":2}""");
        Assert.True(RequestParser.TryParse(body.RootElement, chat: true, out var request, out var error), error);
        Assert.Equal(new GenerationRequest
        {
            IsChat = true,
            Model = "m",
            Stream = true,
            IncludeUsage = true,
            MaxTokens = 9,
            MinTokens = 2,
            IgnoreEos = true,
            PromptTokens = 2 + 5 + 3,
            Messages = 1,
        }, request);
    }
}
