using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

public sealed class HfTokenizerTests
{
    private static readonly string[] AllNames = ["qwen3", "deepseek_v3", "mistral", "mistral_metaspace", "gemma"];

    public static TheoryData<string, int> EncodeCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in AllNames)
        {
            var count = Expected(name).GetProperty("encode").GetArrayLength();
            for (var i = 0; i < count; i++)
            {
                data.Add(name, i);
            }
        }

        return data;
    }

    public static TheoryData<string> Names() => new() { "qwen3", "deepseek_v3" };

    public static TheoryData<string> AllTokenizers() => new(AllNames);

    [Theory]
    [MemberData(nameof(EncodeCases))]
    public void Encode_gives_the_ids_of_the_reference_tokenizer(string name, int index)
    {
        var entry = Expected(name).GetProperty("encode")[index];
        var text = entry.GetProperty("text").GetString()!;
        var expected = entry.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        var actual = TestTokenizers.ByName(name).Encode(text);

        Assert.True(expected.SequenceEqual(actual), $"{name} \"{text}\"\nexpected {string.Join(",", expected)}\nactual   {string.Join(",", actual)}");
    }

    [Theory]
    [MemberData(nameof(AllTokenizers))]
    public void Decode_of_random_ids_equals_the_reference_decode(string name)
    {
        var tokenizer = TestTokenizers.ByName(name);
        foreach (var entry in Expected(name).GetProperty("decode").EnumerateArray())
        {
            var ids = entry.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(entry.GetProperty("text").GetString(), tokenizer.Decode(ids));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_of_encode_is_the_text(string name)
    {
        var tokenizer = TestTokenizers.ByName(name);
        foreach (var entry in Expected(name).GetProperty("encode").EnumerateArray())
        {
            var text = entry.GetProperty("text").GetString()!;
            var expected = name == "qwen3" ? text.Normalize() : text;
            if (name == "qwen3" && text.Contains('\u0301', StringComparison.Ordinal))
            {
                continue; // NFC changes it; checked below.
            }

            Assert.Equal(expected, tokenizer.Decode(tokenizer.Encode(text)));
        }
    }

    [Fact]
    public void Qwen3_normalizes_to_NFC_before_encoding()
    {
        var tokenizer = TestTokenizers.Qwen3;
        Assert.Equal(tokenizer.Encode("Caf\u00e9"), tokenizer.Encode("Cafe\u0301"));
        Assert.Equal("Caf\u00e9", tokenizer.Decode(tokenizer.Encode("Cafe\u0301")));
    }

    [Fact]
    public void Count_adds_the_BOS_that_HF_encode_adds_for_DeepSeek_but_nothing_for_Qwen3()
    {
        Assert.Equal(TestTokenizers.Qwen3.Encode("Hello world").Length, TestTokenizers.Qwen3.CountTokens("Hello world"));
        Assert.Equal(TestTokenizers.DeepSeekV3.Encode("Hello world").Length + 1, TestTokenizers.DeepSeekV3.CountTokens("Hello world"));
        Assert.Equal(0, TestTokenizers.DeepSeekV3.Encode("Hello world", addSpecialTokens: true)[0]);
        Assert.Equal(0, TestTokenizers.DeepSeekV3.BosTokenId);
    }

    [Fact]
    public void Special_tokens_are_matched_before_BPE_and_known_as_special()
    {
        var qwen = TestTokenizers.Qwen3;
        var ids = qwen.Encode("<|im_start|>user\nhi<|im_end|>");
        Assert.Equal(151644, ids[0]);
        Assert.Equal(151645, ids[^1]);
        Assert.Contains(151643, qwen.SpecialTokenIds);
        Assert.Contains(151645, qwen.SpecialTokenIds);
        Assert.Equal(151643, qwen.VocabSize);
        Assert.Equal(128000, TestTokenizers.DeepSeekV3.VocabSize);
        Assert.Equal("user\nhi", qwen.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void Chat_prompt_count_is_the_count_of_the_ChatML_rendering_for_Qwen3()
    {
        var qwen = TestTokenizers.Qwen3;
        Assert.True(qwen.HasChatMLTemplate);
        Assert.Equal("<|im_start|>user\nA A A<|im_end|>\n<|im_start|>assistant\n", qwen.RenderChatPrompt("A A A"));

        // Hand count: <|im_start|> user \n | A, " A", " A" | <|im_end|> \n <|im_start|> assistant \n
        Assert.Equal(3 + 3 + 5, qwen.CountChatPromptTokens("A A A"));
        var rendered = qwen.Encode(qwen.RenderChatPrompt("A A A")!);
        Assert.Equal(new[] { 151644, 872, 198 }, rendered[..3]);
        Assert.Equal(new[] { 151645, 198, 151644, 77091, 198 }, rendered[^5..]);
    }

    [Fact]
    public void Long_words_take_the_priority_queue_path_and_agree_with_short_pieces()
    {
        var qwen = TestTokenizers.Qwen3;
        var word = string.Concat(Enumerable.Repeat("abcdefghij", 30));
        var ids = qwen.Encode(word);
        Assert.Equal(word, qwen.Decode(ids));
        Assert.True(ids.Length < word.Length / 2, "merges applied");
        var spaces = new string(' ', 500) + "x";
        Assert.Equal(spaces, qwen.Decode(qwen.Encode(spaces)));
    }

    [Fact]
    public void Missing_tokenizer_folder_is_an_error_naming_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), "podbench-no-such-tokenizer-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<TokenizerException>(() => HfTokenizer.Load(missing));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(missing);
        try
        {
            var e2 = Assert.Throws<TokenizerException>(() => HfTokenizer.Load(missing));
            Assert.Contains(Path.Combine(missing, ""), e2.Message, StringComparison.Ordinal);
            Assert.Contains("tokenizer.json", e2.Message, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(missing, "tokenizer.json"), "{ not json");
            var e3 = Assert.Throws<TokenizerException>(() => HfTokenizer.Load(missing));
            Assert.Contains(Path.Combine(missing, "tokenizer.json"), e3.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(missing, recursive: true);
        }
    }

    [Fact]
    public void Supplementary_stand_ins_have_the_category_they_stand_for()
    {
        var standIns = UnicodeRegex.StandInCharacters;
        for (var category = 0; category < standIns.Count; category++)
        {
            Assert.Equal((UnicodeCategory)category, CharUnicodeInfo.GetUnicodeCategory(standIns[category]));
        }
    }

    [Fact]
    public void Counting_from_many_threads_gives_the_same_counts()
    {
        var qwen = TestTokenizers.Qwen3;
        var texts = Enumerable.Range(0, 200).Select(i => $"Request {i}: the answer is {i * 7919} — 你好 {new string('x', i % 17)}").ToArray();
        var expected = texts.Select(qwen.CountTokens).ToArray();
        var results = new int[8][];
        System.Threading.Tasks.Parallel.For(0, 8, t => results[t] = texts.Select(qwen.CountTokens).ToArray());
        foreach (var r in results)
        {
            Assert.Equal(expected, r);
        }
    }

    private static readonly Dictionary<string, JsonElement> Cache = new();

    private static JsonElement Expected(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var root))
            {
                var path = Path.Combine(TestTokenizers.DataFolder, "tokenizers", $"expected-{name}.json");
                root = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
                Cache[name] = root;
            }

            return root;
        }
    }
}
