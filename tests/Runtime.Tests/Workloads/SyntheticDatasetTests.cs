using System;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

public sealed class SyntheticDatasetTests
{
    private static readonly ModelEndpoint Model = ModelEndpoint.StreamChat("m");

    private static System.Collections.Generic.IReadOnlyList<PodBench.Runtime.Engine.PromptRow> Load(SyntheticDataset d, int? numPrompts = null) =>
        DatasetLoader.Load(d, Model, ".", null, numPrompts);

    [Fact]
    public void String_rows_follow_the_reference_draws_exactly()
    {
        var d = new SyntheticDataset("s") { RequestCount = 50, Seed = 7, Input = Length.Uniform(10, 20), Output = Length.Gaussian(100, 25, 90, 110) };
        var rows = Load(d);

        // The same draws by hand: per row input then output, int() truncation, gaussian clipped before truncation.
        var random = new SeededRandom(7);
        for (var i = 0; i < 50; i++)
        {
            var input = (int)Math.Truncate(10 + (10 * random.NextDouble()));
            var output = (int)Math.Truncate(Math.Clamp(100 + (5 * random.NextGaussian()), 90, 110));
            Assert.Equal(i, rows[i].Id);
            Assert.Equal(string.Join(" ", Enumerable.Repeat("A", input)), rows[i].Prompt);
            Assert.Equal(output, rows[i].MaxTokens);
            Assert.Null(rows[i].TimestampMs);
        }
    }

    [Fact]
    public void Uniform_truncates_so_max_is_exclusive_unless_min_equals_max()
    {
        var rows = Load(new SyntheticDataset("s") { RequestCount = 4000, Input = Length.Uniform(1, 3), Output = Length.Fixed(7) });
        var inputs = rows.Select(r => (r.Prompt.Length + 1) / 2).ToArray();
        Assert.Contains(1, inputs);
        Assert.Contains(2, inputs);
        Assert.DoesNotContain(3, inputs);
        Assert.All(rows, r => Assert.Equal(7, r.MaxTokens));
        Assert.InRange(inputs.Count(n => n == 1), 1800, 2200);
    }

    [Fact]
    public void Gaussian_is_clipped_to_min_and_max_which_are_both_reachable()
    {
        var rows = Load(new SyntheticDataset("s") { RequestCount = 2000, Output = Length.Gaussian(55, 1e6, 50, 60) });
        var outputs = rows.Select(r => r.MaxTokens!.Value).ToArray();
        Assert.All(outputs, o => Assert.InRange(o, 50, 60));
        Assert.Contains(50, outputs);
        Assert.Contains(60, outputs);
    }

    [Fact]
    public void Gaussian_with_zero_variance_is_the_truncated_mean()
    {
        var rows = Load(new SyntheticDataset("s") { RequestCount = 10, Output = Length.Gaussian(10.9, 0, 1, 100) });
        Assert.All(rows, r => Assert.Equal(10, r.MaxTokens));
    }

    [Fact]
    public void Zipf_follows_the_zipf_law_and_is_clipped()
    {
        var rows = Load(new SyntheticDataset("s") { RequestCount = 20000, Output = Length.Zipf(2.0, 1, 10) });
        var outputs = rows.Select(r => r.MaxTokens!.Value).ToArray();
        Assert.All(outputs, o => Assert.InRange(o, 1, 10));

        // P(1) = 1/zeta(2) = 0.6079, P(2) = P(1)/4; P(>=10) is clipped into 10: 1 - sum_{k<10} P(k) = 0.0645.
        Assert.InRange(outputs.Count(o => o == 1) / 20000.0, 0.59, 0.625);
        Assert.InRange(outputs.Count(o => o == 2) / 20000.0, 0.14, 0.165);
        Assert.InRange(outputs.Count(o => o == 10) / 20000.0, 0.055, 0.075);

        var clipped = Load(new SyntheticDataset("s") { RequestCount = 1000, Output = Length.Zipf(2.0, 5, 8) });
        Assert.All(clipped, r => Assert.InRange(r.MaxTokens!.Value, 5, 8));
        Assert.True(clipped.Count(r => r.MaxTokens == 5) > 850, "values below min are clipped up to it");
    }

    [Fact]
    public void Same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        var d = new SyntheticDataset("s") { RequestCount = 100, Input = Length.Uniform(1, 1000), Output = Length.Zipf(1.5, 1, 500), Seed = 3 };
        var a = Load(d);
        var b = Load(d);
        var c = Load(d with { Seed = 4 });
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(r => r.Prompt), c.Select(r => r.Prompt));
    }

    [Fact]
    public void RequestCount_rows_with_ids_in_order_and_numPrompts_takes_the_first_rows()
    {
        var d = new SyntheticDataset("s") { RequestCount = 30, Input = Length.Uniform(1, 50), Output = Length.Uniform(1, 50) };
        var all = Load(d);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), all.Select(r => r.Id));
        var first = Load(d, numPrompts: 12);
        Assert.Equal(all.Take(12), first);
        Assert.Equal(30, Load(d, numPrompts: 1000).Count);
    }

    [Fact]
    public void String_prompt_is_A_repeated_and_joined_by_spaces()
    {
        var rows = Load(new SyntheticDataset("s") { RequestCount = 2, Input = Length.Fixed(4), Output = Length.Fixed(1) });
        Assert.Equal("A A A A", rows[0].Prompt);
        var one = Load(new SyntheticDataset("s") { Input = Length.Fixed(1) });
        Assert.Equal("A", one[0].Prompt);
    }

    [Theory]
    [InlineData(0, 1, 1, "RequestCount")]
    [InlineData(1, 5, 4, "Input.MinValue (5) must not exceed MaxValue (4)")]
    [InlineData(1, 0, 4, "Input.MinValue must be in 1..")]
    [InlineData(1, 1, 2000000, "Input.MaxValue must be in 1..")]
    public void Invalid_plans_are_errors_naming_the_member(int count, int min, int max, string expected)
    {
        var d = new SyntheticDataset("bad") { RequestCount = count, Input = Length.Uniform(min, max) };
        var e = Assert.Throws<DatasetException>(() => Load(d));
        Assert.Contains("dataset \"bad\"", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zipf_alpha_and_gaussian_variance_are_checked()
    {
        Assert.Contains("Output.Alpha", Assert.Throws<DatasetException>(() => Load(new SyntheticDataset("s") { Output = Length.Zipf(1.0, 1, 10) })).Message, StringComparison.Ordinal);
        Assert.Contains("Input.Var", Assert.Throws<DatasetException>(() => Load(new SyntheticDataset("s") { Input = Length.Gaussian(5, -1, 1, 10) })).Message, StringComparison.Ordinal);
        Assert.Contains("number of prompts", Assert.Throws<DatasetException>(() => Load(new SyntheticDataset("s"), numPrompts: 0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_id_rows_share_a_decoded_prefix_and_are_deterministic()
    {
        var d = new SyntheticDataset("t") { Kind = SyntheticKind.TokenId, RequestCount = 5, RequestSize = 40, PrefixLen = 16, Seed = 11 };
        var model = Model with { TokenizerPath = TestTokenizers.FolderOf("qwen3") };
        var rows = DatasetLoader.Load(d, model, ".", null, null);
        var again = DatasetLoader.Load(d, model, ".", TestTokenizers.Qwen3, null);
        Assert.Equal(rows, again);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Null(r.MaxTokens));
        Assert.Equal(5, rows.Select(r => r.Prompt).Distinct().Count());

        var prefix = TestTokenizers.Qwen3.Decode(RandomPrefix(16, 11), skipSpecialTokens: true);
        Assert.All(rows, r => Assert.StartsWith(prefix, r.Prompt, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain("<|", r.Prompt, StringComparison.Ordinal));
    }

    [Fact]
    public void Token_ids_are_drawn_from_the_vocabulary_without_special_or_added_tokens()
    {
        var pool = TestTokenizers.DeepSeekV3.SampleableIds;
        Assert.DoesNotContain(0, pool);
        Assert.DoesNotContain(1, pool);
        Assert.DoesNotContain(2, pool);
        Assert.Equal(TestTokenizers.DeepSeekV3.VocabSize - 3, pool.Length);
        Assert.Equal(151643, TestTokenizers.Qwen3.SampleableIds.Length);
    }

    [Fact]
    public void Token_id_dataset_without_a_tokenizer_is_a_clear_error()
    {
        var d = new SyntheticDataset("t") { Kind = SyntheticKind.TokenId };
        var none = Assert.Throws<DatasetException>(() => DatasetLoader.Load(d, Model, ".", null, null));
        Assert.Contains("TokenizerPath", none.Message, StringComparison.Ordinal);
        Assert.Contains("\"m\"", none.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<DatasetException>(() => DatasetLoader.Load(d, Model with { TokenizerPath = "no/such/tokenizer" }, "/tmp", null, null));
        Assert.Contains("/tmp/no/such/tokenizer", missing.Message, StringComparison.Ordinal);
    }

    private static int[] RandomPrefix(int length, int seed)
    {
        var random = new SeededRandom(seed);
        var pool = TestTokenizers.Qwen3.SampleableIds;
        return Enumerable.Range(0, length).Select(_ => pool[random.NextInt(pool.Length)]).ToArray();
    }
}
