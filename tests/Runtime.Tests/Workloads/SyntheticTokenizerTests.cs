using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>A tiny hand-made tokenizer.json exercising the features the real ones do not use; ids worked out by hand.</summary>
public sealed class SyntheticTokenizerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-tok-" + Guid.NewGuid().ToString("N"));

    public SyntheticTokenizerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private HfTokenizer Write(JsonNode? preTokenizer = null, JsonNode? normalizer = null)
    {
        // Byte-level vocabulary: the character of byte b has id b; then "Ġa" = 256, "Ġab" = 257, "a-" = 260, "-b" = 261, "--" = 262.
        var vocab = new JsonObject();
        for (var b = 0; b < 256; b++)
        {
            vocab[ByteLevelMap.ByteToChar[b].ToString()] = b;
        }

        vocab["\u0120a"] = 256;
        vocab["\u0120ab"] = 257;
        vocab["a-"] = 260;
        vocab["-b"] = 261;
        vocab["--"] = 262;
        var json = new JsonObject
        {
            ["added_tokens"] = new JsonArray(
                new JsonObject { ["id"] = 258, ["content"] = "<s>", ["special"] = true },
                new JsonObject { ["id"] = 259, ["content"] = "</s>", ["special"] = true }),
            ["normalizer"] = normalizer,
            ["pre_tokenizer"] = preTokenizer ?? new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject { ["type"] = "Digits", ["individual_digits"] = true },
                    new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = true, ["use_regex"] = true }),
            },
            ["post_processor"] = new JsonObject
            {
                ["type"] = "TemplateProcessing",
                ["single"] = new JsonArray(
                    new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = "<s>", ["type_id"] = 0 } },
                    new JsonObject { ["Sequence"] = new JsonObject { ["id"] = "A", ["type_id"] = 0 } },
                    new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = "</s>", ["type_id"] = 0 } }),
                ["special_tokens"] = new JsonObject
                {
                    ["<s>"] = new JsonObject { ["id"] = "<s>", ["ids"] = new JsonArray(258) },
                    ["</s>"] = new JsonObject { ["id"] = "</s>", ["ids"] = new JsonArray(259) },
                },
            },
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject { ["type"] = "BPE", ["vocab"] = vocab, ["merges"] = new JsonArray("\u0120 a", "\u0120a b", "a -", "- b", "- -") },
        };
        File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), json.ToJsonString());
        var config = new JsonObject
        {
            ["bos_token"] = "<s>",
            ["chat_template"] = "{%- if messages[0]['role'] == 'system' %}{{- messages[0]['content'] }}{%- else %}{{- '<|im_start|>system\\nYou are Test.<|im_end|>\\n' }}{%- endif %}<|im_start|>",
        };
        File.WriteAllText(Path.Combine(_dir, "tokenizer_config.json"), config.ToJsonString());
        return HfTokenizer.Load(_dir);
    }

    [Fact]
    public void Digits_then_ByteLevel_with_prefix_space_and_merges_give_the_hand_worked_ids()
    {
        var t = Write();

        // "ab12" -> Digits: "ab" "1" "2" -> prefix space: " ab" " 1" " 2" -> BPE: Ġab | Ġ 1 | Ġ 2
        Assert.Equal(new[] { 257, 32, 49, 32, 50 }, t.Encode("ab12"));
        Assert.Equal(new[] { 258, 257, 32, 49, 32, 50, 259 }, t.Encode("ab12", addSpecialTokens: true));
        Assert.Equal(7, t.CountTokens("ab12"));
        Assert.Equal(new[] { 258, 257 }, t.Encode("<s>ab"));
        Assert.Equal(" ab 1", t.Decode([257, 32, 49]));
        Assert.Equal(" ab", t.Decode([258, 257, 259], skipSpecialTokens: true));
        Assert.Equal(261, t.VocabSize);
        Assert.Equal(258, t.BosTokenId);
        Assert.Equal(new[] { 258, 259 }, t.SpecialTokenIds.ToArray());
    }

    [Fact]
    public void A_ChatML_template_with_a_default_system_prompt_renders_it()
    {
        var t = Write();
        Assert.True(t.HasChatMLTemplate);
        Assert.Equal("<|im_start|>system\nYou are Test.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", t.RenderChatPrompt("hi"));
    }

    [Fact]
    public void Split_behaviors_cut_as_the_tokenizers_library_does()
    {
        JsonNode Split(string behavior, bool invert = false) => new JsonObject
        {
            ["type"] = "Sequence",
            ["pretokenizers"] = new JsonArray(
                new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["String"] = "-" }, ["behavior"] = behavior, ["invert"] = invert },
                new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["use_regex"] = false }),
        };

        // The merges a+- (260), -+b (261), -+- (262) show where the pieces were cut: they never cross a cut.
        Assert.Equal(new[] { 45 }, Write(Split("Removed", invert: true)).Encode("a-b"));
        Assert.Equal(new[] { 97, 98, 99 }, Write(Split("Removed")).Encode("a-b--c"));
        Assert.Equal(new[] { 97, 45, 98 }, Write(Split("Isolated")).Encode("a-b"));
        Assert.Equal(new[] { 260, 98, 45 }, Write(Split("MergedWithPrevious")).Encode("a-b-"));
        Assert.Equal(new[] { 97, 261 }, Write(Split("MergedWithNext")).Encode("a-b"));
        Assert.Equal(new[] { 97, 262, 98 }, Write(Split("Contiguous")).Encode("a--b"));
    }

    [Fact]
    public void Unsupported_parts_are_errors_naming_the_file()
    {
        var e = Assert.Throws<TokenizerException>(() => Write(new JsonObject { ["type"] = "Metaspace" }));
        Assert.Contains(Path.Combine(_dir, "tokenizer.json"), e.Message, StringComparison.Ordinal);
        Assert.Contains("Metaspace", e.Message, StringComparison.Ordinal);

        var n = Assert.Throws<TokenizerException>(() => Write(normalizer: new JsonObject { ["type"] = "NFKD" }));
        Assert.Contains("NFKD", n.Message, StringComparison.Ordinal);
    }
}
