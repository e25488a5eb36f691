using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Workloads;

/// <summary>Reads a Hugging Face <c>tokenizer.json</c> and <c>tokenizer_config.json</c> into <see cref="TokenizerParts"/>.</summary>
internal static class TokenizerLoader
{
    public static TokenizerParts Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new TokenizerException($"Tokenizer folder not found: {full}");
        }

        var jsonPath = Path.Combine(full, "tokenizer.json");
        if (!File.Exists(jsonPath))
        {
            throw new TokenizerException($"No tokenizer.json in the tokenizer folder {full} (only the Hugging Face fast tokenizer format is supported).");
        }

        using var json = ParseFile(jsonPath);
        var configPath = Path.Combine(full, "tokenizer_config.json");
        using var config = File.Exists(configPath) ? ParseFile(configPath) : JsonDocument.Parse("{}");
        try
        {
            return Build(json.RootElement, config.RootElement, jsonPath);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
        {
            throw new TokenizerException($"{jsonPath}: unexpected content ({e.Message}).", e);
        }
    }

    private static JsonDocument ParseFile(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TokenizerException($"Cannot read {path}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new TokenizerException($"{path} is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static TokenizerParts Build(JsonElement root, JsonElement config, string path)
    {
        var model = root.GetProperty("model");
        var type = model.TryGetProperty("type", out var t) ? t.GetString() : "BPE";
        if (type != "BPE")
        {
            throw new TokenizerException($"{path}: model type \"{type}\" is not supported (only byte-level BPE).");
        }

        if (model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True)
        {
            throw new TokenizerException($"{path}: BPE with byte_fallback (SentencePiece style) is not supported (only byte-level BPE).");
        }

        if (!string.IsNullOrEmpty(OptionalString(model, "continuing_subword_prefix")) || !string.IsNullOrEmpty(OptionalString(model, "end_of_word_suffix")))
        {
            throw new TokenizerException($"{path}: continuing_subword_prefix / end_of_word_suffix are not supported.");
        }

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in model.GetProperty("vocab").EnumerateObject())
        {
            vocab[entry.Name] = entry.Value.GetInt32();
        }

        var merges = ReadMerges(model.GetProperty("merges"), vocab, path);
        var ignoreMerges = model.TryGetProperty("ignore_merges", out var im) && im.ValueKind == JsonValueKind.True;
        var steps = new List<PreTokenizerStep>();
        var byteLevel = false;
        if (root.TryGetProperty("pre_tokenizer", out var pre) && pre.ValueKind == JsonValueKind.Object)
        {
            AddPreTokenizer(pre, steps, ref byteLevel, path);
        }

        if (!byteLevel)
        {
            throw new TokenizerException($"{path}: no ByteLevel pre-tokenizer; only byte-level BPE tokenizers are supported.");
        }

        CheckDecoder(root, path);
        var nfc = ReadNormalizer(root.TryGetProperty("normalizer", out var norm) ? norm : default, path);
        var added = ReadAddedTokens(root);
        var maxId = Math.Max(vocab.Count == 0 ? 0 : vocab.Values.Max(), added.Count == 0 ? 0 : added.Max(a => a.Id));
        var idToToken = new string?[maxId + 1];
        foreach (var (token, id) in vocab)
        {
            idToToken[id] = token;
        }

        foreach (var a in added)
        {
            idToToken[a.Id] = a.Content;
        }

        var byContent = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, id) in vocab)
        {
            byContent[token] = id;
        }

        foreach (var a in added)
        {
            byContent[a.Content] = a.Id;
        }

        int? Lookup(string? content) => content is not null && byContent.TryGetValue(content, out var id) ? id : null;
        var bos = Lookup(TokenContent(config, "bos_token"));
        var eos = Lookup(TokenContent(config, "eos_token"));
        var special = new SortedSet<int>(added.Where(a => a.Special).Select(a => a.Id));
        foreach (var name in new[] { "bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token" })
        {
            if (Lookup(TokenContent(config, name)) is { } id)
            {
                special.Add(id);
            }
        }

        if (config.TryGetProperty("additional_special_tokens", out var extra) && extra.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in extra.EnumerateArray())
            {
                if (Lookup(e.ValueKind == JsonValueKind.String ? e.GetString() : OptionalString(e, "content")) is { } id)
                {
                    special.Add(id);
                }
            }
        }

        var (prefix, suffix) = SpecialTokensAdded(root, config, bos, eos, byContent);
        return new TokenizerParts(
            new BpeModel(vocab, merges, ignoreMerges), steps.ToArray(), nfc, added, idToToken, prefix, suffix,
            special.ToArray(), bos, eos, ReadChatTemplate(config));
    }

    private static Dictionary<long, long> ReadMerges(JsonElement merges, Dictionary<string, int> vocab, string path)
    {
        var result = new Dictionary<long, long>(merges.GetArrayLength());
        var rank = 0L;
        foreach (var merge in merges.EnumerateArray())
        {
            string left, right;
            if (merge.ValueKind == JsonValueKind.String)
            {
                var text = merge.GetString()!;
                var space = text.IndexOf(' ', 1);
                if (space < 0)
                {
                    throw new TokenizerException($"{path}: merge \"{text}\" is not two tokens separated by a space.");
                }

                left = text[..space];
                right = text[(space + 1)..];
            }
            else
            {
                left = merge[0].GetString()!;
                right = merge[1].GetString()!;
            }

            if (vocab.TryGetValue(left, out var l) && vocab.TryGetValue(right, out var r) && vocab.TryGetValue(left + right, out var merged))
            {
                result.TryAdd(BpeModel.Key(l, r), (rank << 32) | (uint)merged);
            }

            rank++;
        }

        return result;
    }

    private static void AddPreTokenizer(JsonElement pre, List<PreTokenizerStep> steps, ref bool byteLevel, string path)
    {
        var type = OptionalString(pre, "type");
        switch (type)
        {
            case "Sequence":
                foreach (var inner in pre.GetProperty("pretokenizers").EnumerateArray())
                {
                    AddPreTokenizer(inner, steps, ref byteLevel, path);
                }

                break;
            case "Split":
                steps.Add(new SplitStep(SplitPattern(pre.GetProperty("pattern"), path), ParseBehavior(OptionalString(pre, "behavior"), path), pre.TryGetProperty("invert", out var inv) && inv.ValueKind == JsonValueKind.True));
                break;
            case "ByteLevel":
                byteLevel = true;
                if (pre.TryGetProperty("add_prefix_space", out var aps) && aps.ValueKind == JsonValueKind.True)
                {
                    steps.Add(new PrefixSpaceStep());
                }

                if (!pre.TryGetProperty("use_regex", out var ur) || ur.ValueKind != JsonValueKind.False)
                {
                    steps.Add(new SplitStep(SplitStep.Gpt2Pattern, SplitBehavior.Isolated, invert: false));
                }

                break;
            case "Digits":
                steps.Add(new DigitsStep(pre.TryGetProperty("individual_digits", out var ind) && ind.ValueKind == JsonValueKind.True));
                break;
            default:
                throw new TokenizerException($"{path}: pre-tokenizer \"{type}\" is not supported (supported: Sequence, Split, ByteLevel, Digits).");
        }
    }

    private static string SplitPattern(JsonElement pattern, string path)
    {
        string regex;
        if (pattern.TryGetProperty("Regex", out var r))
        {
            regex = r.GetString()!;
        }
        else
        {
            regex = Regex.Escape(pattern.GetProperty("String").GetString()!);
        }

        try
        {
            _ = new Regex(regex, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new TokenizerException($"{path}: the Split pattern {regex} does not compile in .NET: {e.Message}", e);
        }

        return regex;
    }

    private static SplitBehavior ParseBehavior(string? behavior, string path) => behavior switch
    {
        "Removed" => SplitBehavior.Removed,
        "Isolated" => SplitBehavior.Isolated,
        "MergedWithPrevious" => SplitBehavior.MergedWithPrevious,
        "MergedWithNext" => SplitBehavior.MergedWithNext,
        "Contiguous" => SplitBehavior.Contiguous,
        _ => throw new TokenizerException($"{path}: Split behavior \"{behavior}\" is not known."),
    };

    private static void CheckDecoder(JsonElement root, string path)
    {
        if (!root.TryGetProperty("decoder", out var decoder) || decoder.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var type = OptionalString(decoder, "type");
        var ok = type == "ByteLevel"
            || (type == "Sequence" && decoder.GetProperty("decoders").EnumerateArray().All(d => OptionalString(d, "type") == "ByteLevel"));
        if (!ok)
        {
            throw new TokenizerException($"{path}: decoder \"{type}\" is not supported (only ByteLevel).");
        }
    }

    private static bool ReadNormalizer(JsonElement normalizer, string path)
    {
        if (normalizer.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var type = OptionalString(normalizer, "type");
        return type switch
        {
            "NFC" => true,
            "Sequence" => normalizer.GetProperty("normalizers").EnumerateArray().Select(n => ReadNormalizer(n, path)).ToList().Any(x => x),
            _ => throw new TokenizerException($"{path}: normalizer \"{type}\" is not supported (supported: NFC, Sequence)."),
        };
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root)
    {
        var list = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens", out var added) || added.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        foreach (var a in added.EnumerateArray())
        {
            list.Add(new AddedToken(
                a.GetProperty("id").GetInt32(),
                a.GetProperty("content").GetString()!,
                Flag(a, "special"),
                Flag(a, "lstrip"),
                Flag(a, "rstrip"),
                Flag(a, "single_word")));
        }

        return list;
    }

    // What Hugging Face encode(add_special_tokens=True) adds around the text.
    private static (int[] Prefix, int[] Suffix) SpecialTokensAdded(JsonElement root, JsonElement config, int? bos, int? eos, Dictionary<string, int> byContent)
    {
        var tokenizerClass = OptionalString(config, "tokenizer_class") ?? string.Empty;
        if (tokenizerClass.StartsWith("Llama", StringComparison.Ordinal) || tokenizerClass.StartsWith("CodeLlama", StringComparison.Ordinal)
            || tokenizerClass.StartsWith("Gemma", StringComparison.Ordinal))
        {
            // transformers rebuilds the post-processor of these classes from add_bos_token / add_eos_token.
            var prefix = Flag(config, "add_bos_token", defaultValue: true) && bos is { } b ? new[] { b } : [];
            var suffix = Flag(config, "add_eos_token") && eos is { } e ? new[] { e } : [];
            return (prefix, suffix);
        }

        if (root.TryGetProperty("post_processor", out var post) && post.ValueKind == JsonValueKind.Object)
        {
            var template = OptionalString(post, "type") == "TemplateProcessing" ? post
                : OptionalString(post, "type") == "Sequence"
                    ? post.GetProperty("processors").EnumerateArray().FirstOrDefault(p => OptionalString(p, "type") == "TemplateProcessing")
                    : default;
            if (template.ValueKind == JsonValueKind.Object)
            {
                var prefix = new List<int>();
                var suffix = new List<int>();
                var seenSequence = false;
                foreach (var piece in template.GetProperty("single").EnumerateArray())
                {
                    if (piece.TryGetProperty("Sequence", out _))
                    {
                        seenSequence = true;
                    }
                    else if (piece.TryGetProperty("SpecialToken", out var st))
                    {
                        var name = st.GetProperty("id").GetString()!;
                        var ids = template.TryGetProperty("special_tokens", out var map) && map.TryGetProperty(name, out var s)
                            ? s.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32()).ToArray()
                            : byContent.TryGetValue(name, out var id) ? [id] : [];
                        (seenSequence ? suffix : prefix).AddRange(ids);
                    }
                }

                return (prefix.ToArray(), suffix.ToArray());
            }
        }

        return ([], []);
    }

    private static string? ReadChatTemplate(JsonElement config)
    {
        if (!config.TryGetProperty("chat_template", out var template))
        {
            return null;
        }

        if (template.ValueKind == JsonValueKind.String)
        {
            return template.GetString();
        }

        if (template.ValueKind == JsonValueKind.Array)
        {
            foreach (var named in template.EnumerateArray())
            {
                if (OptionalString(named, "name") == "default")
                {
                    return OptionalString(named, "template");
                }
            }
        }

        return null;
    }

    private static string? TokenContent(JsonElement config, string name)
    {
        if (!config.TryGetProperty(name, out var token))
        {
            return null;
        }

        return token.ValueKind switch
        {
            JsonValueKind.String => token.GetString(),
            JsonValueKind.Object => OptionalString(token, "content"),
            _ => null,
        };
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string name, bool defaultValue = false) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.True || (value.ValueKind != JsonValueKind.False && defaultValue)
            : defaultValue;
}
