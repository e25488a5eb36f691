using System;
using System.IO;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>
/// SentencePiece-style tokenizer.json (Mistral in the Llama 2 layout, its Metaspace variant, Gemma); the expected-id
/// cases of every tokenizer are in <see cref="HfTokenizerTests"/>.
/// </summary>
public sealed class SentencePieceTokenizerTests
{
    [Theory]
    [InlineData("mistral")]
    [InlineData("mistral_metaspace")]
    [InlineData("gemma")]
    public void A_character_missing_from_the_vocabulary_becomes_its_UTF8_byte_tokens_and_decodes_back(string name)
    {
        var tokenizer = TestTokenizers.ByName(name);
        var ids = tokenizer.Encode("\U0010FFFD");
        var bytes = ids.Where(id => id != Single(tokenizer, "\u2581")).ToArray();

        Assert.Equal(new[] { "<0xF4>", "<0x8F>", "<0xBF>", "<0xBD>" }.Select(t => Single(tokenizer, t)), bytes);
        Assert.Equal("\U0010FFFD", tokenizer.Decode(ids).TrimStart());

        // An invalid byte run decodes to one U+FFFD per byte, as Hugging Face's ByteFallback decoder does.
        Assert.Equal("\uFFFD\uFFFD", tokenizer.Decode([Single(tokenizer, "<0xF0>"), Single(tokenizer, "<0x9F>")]));
    }

    [Fact]
    public void Llama_layout_prepends_the_metaspace_to_every_piece_and_Metaspace_first_only_at_the_start()
    {
        var layout = TestTokenizers.Mistral;
        var metaspace = TestTokenizers.ByName("mistral_metaspace");
        var space = Single(layout, "\u2581");

        // After an added token the Prepend normalizer adds "▁" again; Metaspace "first" does not.
        Assert.Equal(new[] { 1, space, Single(layout, "\u2581hi") }, layout.Encode("<s> hi").Take(3).ToArray());
        Assert.Equal(new[] { 1, Single(layout, "\u2581hi") }, metaspace.Encode("<s> hi"));
        Assert.Equal(Single(layout, "\u2581hi"), metaspace.Encode("hi")[0]);
        Assert.Equal(Single(layout, "hi"), metaspace.Encode("<s>hi")[1]);
    }

    [Theory]
    [InlineData("mistral", 1)]
    [InlineData("gemma", 2)]
    public void Counting_adds_the_BOS_of_the_Llama_and_Gemma_classes(string name, int bos)
    {
        var tokenizer = TestTokenizers.ByName(name);
        Assert.Equal(bos, tokenizer.BosTokenId);
        Assert.Equal(tokenizer.Encode("Hello world").Length + 1, tokenizer.CountTokens("Hello world"));
        Assert.Equal(bos, tokenizer.Encode("Hello world", addSpecialTokens: true)[0]);
        Assert.Equal("Hello world", tokenizer.Decode(tokenizer.Encode("Hello world", addSpecialTokens: true), skipSpecialTokens: true));
    }

    [Theory]
    [InlineData("mistral")]
    [InlineData("gemma")]
    public void A_token_id_dataset_loads_with_a_SentencePiece_tokenizer(string name)
    {
        var dataset = new SyntheticDataset("t") { Kind = SyntheticKind.TokenId, RequestCount = 4, RequestSize = 64, PrefixLen = 8, Seed = 3 };
        var model = ModelEndpoint.StreamChat("m") with { TokenizerPath = TestTokenizers.FolderOf(name) };
        var rows = DatasetLoader.Load(dataset, model, ".", null, null);

        Assert.Equal(4, rows.Count);
        Assert.Equal(4, rows.Select(r => r.Prompt).Distinct().Count());
        var tokenizer = TestTokenizers.ByName(name);
        Assert.All(rows, r => Assert.InRange(tokenizer.Encode(r.Prompt).Length, 16, 256));
    }

    [Fact]
    public void An_unsupported_decoder_or_regex_Replace_names_the_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), "podbench-sp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var json = File.ReadAllText(Path.Combine(TestTokenizers.FolderOf("mistral"), "tokenizer.json"));
            var path = Path.Combine(folder, "tokenizer.json");
            File.WriteAllText(path, json.Replace("\"type\": \"Fuse\"", "\"type\": \"CTC\"", StringComparison.Ordinal));
            var e = Assert.Throws<TokenizerException>(() => HfTokenizer.Load(folder));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("\"CTC\"", e.Message, StringComparison.Ordinal);

            File.WriteAllText(path, json.Replace("\"pattern\": {\n          \"String\": \" \"\n        }", "\"pattern\": {\n          \"Regex\": \" \"\n        }", StringComparison.Ordinal));
            var r = Assert.Throws<TokenizerException>(() => HfTokenizer.Load(folder));
            Assert.Contains("Regex", r.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Single(HfTokenizer tokenizer, string token) =>
        tokenizer.TokenId(token) ?? throw new InvalidOperationException($"{token} is not in the vocabulary");
}
