using System;
using System.Linq;
using CsCheck;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class RequestRulesPropertyTests
{
    [Fact]
    public void Word_count_matches_splitting_on_whitespace()
    {
        var text = Gen.String[Gen.Char[" \t\nab\u00a0\u3000x"], 0, 60];
        text.Sample(s => Assert.Equal(s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, PromptTokenCounter.CountWords(s)));
    }

    [Fact]
    public void Fault_rate_hits_floor_of_n_times_rate_requests()
    {
        Gen.Select(Gen.Int[1, 1000], Gen.Int[0, 100]).Sample((n, percent) =>
        {
            var rate = percent / 100.0;
            var hits = Enumerable.Range(1, n).Count(i => FaultSchedule.Affects(i, rate));
            Assert.Equal(n * percent / 100, hits);
        });
    }

    [Fact]
    public void Output_length_never_exceeds_max_tokens_and_ignore_eos_reaches_it()
    {
        Gen.Select(Gen.Int[1, 5000], Gen.Bool, Gen.Int[0, 5000], Gen.Int[1, 500]).Sample((max, ignoreEos, minTokens, fallback) =>
        {
            var (tokens, hitMax) = OutputLength.Decide(new GenerationRequest { MaxTokens = max, IgnoreEos = ignoreEos, MinTokens = minTokens }, fallback);
            Assert.InRange(tokens, 1, max);
            Assert.Equal(tokens == max, hitMax);
            if (ignoreEos)
            {
                Assert.Equal(max, tokens);
            }
        });
    }
}
