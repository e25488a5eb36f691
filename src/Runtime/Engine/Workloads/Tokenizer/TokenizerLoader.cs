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
            throw new TokenizerException($"{path}: model type \"{type}\" is not supported (only BPE).");
        }

        var byteFallback = model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True;
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

        var decoder = ReadDecoder(root, byteLevel, path);
        var normalizers = new List<NormalizerStep>();
        ReadNormalizer(root.TryGetProperty("normalizer", out var norm) ? norm : default, normalizers, path);
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
        var unk = OptionalString(model, "unk_token") is { } unkToken && vocab.TryGetValue(unkToken, out var unkId) ? unkId : -1;
        var bpe = new BpeModel(vocab, merges, ignoreMerges, byteLevel, byteFallback, unk, Flag(model, "fuse_unk"));
        return new TokenizerParts(
            bpe, steps.ToArray(), normalizers.Count == 0 ? null : new TextNormalizer(normalizers.ToArray()), decoder,
            added, idToToken, prefix, suffix, special.ToArray(), bos, eos, ReadChatTemplate(config));
    }

    private static Dictionary<long, long> ReadMerges(JsonElement merges, Dictionary<string, int> vocab, string path)
    {
        var result = new Dictionary<long, long>(merges.GetArrayLength(), PairKeyComparer.Instance);
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
            case "Metaspace":
                steps.Add(new MetaspaceStep(Replacement(pre, path), ReadPrepend(pre, path), !pre.TryGetProperty("split", out var sp) || sp.ValueKind != JsonValueKind.False));
                break;
            case "Digits":
                steps.Add(new DigitsStep(pre.TryGetProperty("individual_digits", out var ind) && ind.ValueKind == JsonValueKind.True));
                break;
            default:
                throw new TokenizerException($"{path}: pre-tokenizer \"{type}\" is not supported (supported: Sequence, Split, ByteLevel, Digits, Metaspace).");
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

    // null: the ByteLevel decoder (or none, for a byte-level model); else the SentencePiece-style chain.
    private static PieceDecoder? ReadDecoder(JsonElement root, bool byteLevel, string path)
    {
        var decoders = new List<JsonElement>();
        if (root.TryGetProperty("decoder", out var decoder) && decoder.ValueKind == JsonValueKind.Object)
        {
            if (OptionalString(decoder, "type") == "Sequence")
            {
                decoders.AddRange(decoder.GetProperty("decoders").EnumerateArray());
            }
            else
            {
                decoders.Add(decoder);
            }
        }

        var byteLevelDecoders = decoders.Count(d => OptionalString(d, "type") == "ByteLevel");
        if (byteLevelDecoders > 0 || (decoders.Count == 0 && byteLevel))
        {
            return byteLevelDecoders == decoders.Count
                ? null
                : throw new TokenizerException($"{path}: a ByteLevel decoder mixed with other decoders is not supported.");
        }

        return new PieceDecoder(decoders.Select(d => OptionalString(d, "type") switch
        {
            "Replace" => new DecoderStep(DecoderKind.Replace, StringPattern(d, path), OptionalString(d, "content") ?? string.Empty),
            "ByteFallback" => new DecoderStep(DecoderKind.ByteFallback),
            "Fuse" => new DecoderStep(DecoderKind.Fuse),
            "Strip" => new DecoderStep(DecoderKind.Strip, OptionalString(d, "content") ?? " ", Start: d.GetProperty("start").GetInt32(), Stop: d.GetProperty("stop").GetInt32()),
            "Metaspace" => new DecoderStep(DecoderKind.Metaspace, Replacement(d, path).ToString(), Start: ReadPrepend(d, path) == MetaspacePrepend.Never ? 0 : 1),
            var type => throw new TokenizerException($"{path}: decoder \"{type}\" is not supported (supported: ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace)."),
        }).ToArray());
    }

    private static void ReadNormalizer(JsonElement normalizer, List<NormalizerStep> steps, string path)
    {
        if (normalizer.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var type = OptionalString(normalizer, "type");
        switch (type)
        {
            case "NFC":
                steps.Add(new NormalizerStep(NormalizerKind.Nfc));
                break;
            case "Prepend":
                steps.Add(new NormalizerStep(NormalizerKind.Prepend, OptionalString(normalizer, "prepend") ?? string.Empty));
                break;
            case "Replace":
                steps.Add(new NormalizerStep(NormalizerKind.Replace, StringPattern(normalizer, path), OptionalString(normalizer, "content") ?? string.Empty));
                break;
            case "Sequence":
                foreach (var inner in normalizer.GetProperty("normalizers").EnumerateArray())
                {
                    ReadNormalizer(inner, steps, path);
                }

                break;
            default:
                throw new TokenizerException($"{path}: normalizer \"{type}\" is not supported (supported: NFC, Prepend, Replace, Sequence).");
        }
    }

    // A Replace normalizer's or decoder's pattern; only the String form (a regex would need Rust's regex semantics).
    private static string StringPattern(JsonElement element, string path) =>
        element.TryGetProperty("pattern", out var pattern) && OptionalString(pattern, "String") is { Length: > 0 } text
            ? text
            : throw new TokenizerException($"{path}: a Replace with a Regex pattern is not supported (only String patterns).");

    private static char Replacement(JsonElement metaspace, string path) =>
        OptionalString(metaspace, "replacement") is { Length: 1 } r
            ? r[0]
            : throw new TokenizerException($"{path}: Metaspace replacement must be one character.");

    // Older files have add_prefix_space instead of prepend_scheme.
    private static MetaspacePrepend ReadPrepend(JsonElement metaspace, string path) => OptionalString(metaspace, "prepend_scheme") switch
    {
        "always" => MetaspacePrepend.Always,
        "first" => MetaspacePrepend.First,
        "never" => MetaspacePrepend.Never,
        null => Flag(metaspace, "add_prefix_space", defaultValue: true) ? MetaspacePrepend.Always : MetaspacePrepend.Never,
        var other => throw new TokenizerException($"{path}: Metaspace prepend_scheme \"{other}\" is not known."),
    };

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
