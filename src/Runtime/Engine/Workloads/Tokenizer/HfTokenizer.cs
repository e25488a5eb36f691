using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// A Hugging Face fast tokenizer (<c>tokenizer.json</c> + <c>tokenizer_config.json</c>) of the BPE family: byte-level
/// (Qwen, DeepSeek, Llama 3, GPT-2 style) and SentencePiece style (Llama 2, Mistral, Gemma: Prepend/Replace
/// normalizers or the Metaspace pre-tokenizer, byte fallback, the Replace/ByteFallback/Fuse/Strip/Metaspace
/// decoders): added tokens, NFC, Split/ByteLevel/Digits/Metaspace pre-tokenizers, BPE merges. Thread-safe; BPE
/// results are cached per word. Kept over Tokenizers.DotNet (Hugging Face's Rust library) by measurement: 7-12x its
/// tokens/s with byte-level vocabularies, equal on SentencePiece text (1.8x slower on token-id prompts, 3x faster on
/// the synthetic string one), no native library to ship, and the tokenizer_config.json rules the library's
/// Encode/Decode API does not cover (docs/architecture.md, "Decisions written down";
/// tests/Benchmarks/Workloads/TokenizerLibraryBenchmarks.cs).
/// </summary>
public sealed class HfTokenizer : ITokenCounter
{
    [ThreadStatic]
    private static List<(int Start, int Length)>[]? t_scratch;

    private readonly BpeModel _model;
    private readonly PreTokenizerStep[] _steps;
    private readonly TextNormalizer? _normalizer;
    private readonly PieceDecoder? _decoder;
    private readonly AddedTokenMatcher _matcher;
    private readonly string?[] _idToToken;
    private readonly HashSet<int> _special;
    private readonly HashSet<int> _added;
    private readonly int[] _prefix;
    private readonly int[] _suffix;
    private readonly ChatPromptTemplate? _chat;
    private readonly Lazy<int[]> _sampleable;

    private HfTokenizer(string folder, TokenizerParts parts)
    {
        Folder = folder;
        _model = parts.Model;
        _steps = parts.Steps;
        _normalizer = parts.Normalizer;
        _decoder = parts.Decoder;
        _matcher = new AddedTokenMatcher(parts.AddedTokens);
        _idToToken = parts.IdToToken;
        _special = [.. parts.SpecialIds];
        _added = [.. parts.AddedTokens.Select(a => a.Id)];
        _prefix = parts.SpecialPrefix;
        _suffix = parts.SpecialSuffix;
        SpecialTokenIds = parts.SpecialIds;
        BosTokenId = parts.BosId;
        EosTokenId = parts.EosId;
        VocabSize = _model.Vocab.Count;
        var bosText = parts.BosId is { } bos && (uint)bos < (uint)_idToToken.Length ? _idToToken[bos] : null;
        _chat = ChatPromptTemplate.Recognize(parts.ChatTemplate, bosText);

        _sampleable = new Lazy<int[]>(() => Enumerable.Range(0, VocabSize).Where(id => !_special.Contains(id) && !_added.Contains(id)).ToArray());
    }

    /// <summary>The folder the tokenizer was loaded from (full path).</summary>
    public string Folder { get; }

    /// <summary>Size of the BPE vocabulary without added tokens (Hugging Face <c>vocab_size</c>).</summary>
    public int VocabSize { get; }

    /// <summary>Ids of the special tokens (added tokens marked special, and the config's bos/eos/pad/unk/additional ones), ascending.</summary>
    public IReadOnlyList<int> SpecialTokenIds { get; }

    /// <summary>The beginning-of-sequence token id, if the config names one.</summary>
    public int? BosTokenId { get; }

    /// <summary>The end-of-sequence token id, if the config names one.</summary>
    public int? EosTokenId { get; }

    /// <summary>True when the chat template is ChatML (<c>&lt;|im_start|&gt;</c>, Qwen style), which <see cref="CountChatPromptTokens"/> reproduces.</summary>
    public bool HasChatMLTemplate => _chat?.Family == "chatml";

    /// <summary>
    /// The chat template family whose single-message rendering <see cref="RenderChatPrompt"/> reproduces: "chatml"
    /// (Qwen), "deepseek" (DeepSeek V3/R1), or null when the template is missing or of another kind.
    /// </summary>
    public string? ChatTemplateFamily => _chat?.Family;

    /// <summary>
    /// Loads the tokenizer in <paramref name="folder"/>. Throws <see cref="TokenizerException"/> naming the path when
    /// the folder or its tokenizer.json is missing, unreadable, or uses an unsupported feature.
    /// </summary>
    public static HfTokenizer Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = System.IO.Path.GetFullPath(folder);
        return new HfTokenizer(full, TokenizerLoader.Load(full));
    }

    /// <summary>The token ids of <paramref name="text"/>, without special tokens added around it.</summary>
    public int[] Encode(string text) => Encode(text, addSpecialTokens: false);

    /// <summary>
    /// The token ids of <paramref name="text"/>; with <paramref name="addSpecialTokens"/> the tokens Hugging Face's
    /// <c>encode(add_special_tokens=True)</c> adds (e.g. DeepSeek's BOS) are added too.
    /// </summary>
    public int[] Encode(string text, bool addSpecialTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<int>(text.Length / 3 + 4);
        if (addSpecialTokens)
        {
            output.AddRange(_prefix);
        }

        EncodeCore(text, output);
        if (addSpecialTokens)
        {
            output.AddRange(_suffix);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The number of tokens of <paramref name="text"/> as the reference counts them: <c>len(tokenizer.encode(text))</c>,
    /// special tokens added by the tokenizer included.
    /// </summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _prefix.Length + EncodeCore(text, null) + _suffix.Length;
    }

    /// <summary>
    /// The input tokens of a chat request whose only message is the user <paramref name="prompt"/>, as the reference
    /// counts them: <c>encode(apply_chat_template(add_generation_prompt=True, tokenize=False), add_special_tokens=True)</c>
    /// (so a template that writes <c>bos_token</c> and a tokenizer that adds BOS count it twice, as Hugging Face
    /// does). Exact for the families of <see cref="ChatTemplateFamily"/>; for other templates (they would need Jinja)
    /// this is <see cref="CountTokens"/> of the bare prompt.
    /// </summary>
    public int CountChatPromptTokens(string prompt) => CountTokens(RenderChatPrompt(prompt) ?? prompt);

    /// <summary>The chat template's rendering of a single user message with the generation prompt, or null when the template is not of a known family.</summary>
    public string? RenderChatPrompt(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return _chat?.Render(prompt);
    }

    /// <summary>The text of <paramref name="ids"/> (special tokens kept); unknown ids are skipped.</summary>
    public string Decode(ReadOnlySpan<int> ids) => Decode(ids, skipSpecialTokens: false);

    /// <summary>The text of <paramref name="ids"/>; invalid UTF-8 becomes U+FFFD, as Hugging Face does.</summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens)
    {
        if (_decoder is not null)
        {
            var tokens = new List<string>(ids.Length);
            foreach (var id in ids)
            {
                if ((uint)id < (uint)_idToToken.Length && _idToToken[id] is { } piece && !(skipSpecialTokens && _special.Contains(id)))
                {
                    tokens.Add(piece);
                }
            }

            return _decoder.Decode(tokens);
        }

        var bytes = new List<byte>(ids.Length * 4);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)_idToToken.Length || _idToToken[id] is not { } token || (skipSpecialTokens && _special.Contains(id)))
            {
                continue;
            }

            var start = bytes.Count;
            var mapped = true;
            foreach (var c in token)
            {
                if (c >= ByteLevelMap.CharLimit || ByteLevelMap.CharToByte[c] < 0)
                {
                    mapped = false;
                    break;
                }

                bytes.Add((byte)ByteLevelMap.CharToByte[c]);
            }

            if (!mapped)
            {
                bytes.RemoveRange(start, bytes.Count - start);
                bytes.AddRange(Encoding.UTF8.GetBytes(token));
            }
        }

        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    /// <summary>The id of a vocabulary token (as written in tokenizer.json, e.g. <c>&lt;0x0A&gt;</c> or <c>▁the</c>).</summary>
    internal int? TokenId(string token) => _model.Vocab.TryGetValue(token, out var id) ? id : null;

    /// <summary>Forgets the per-word BPE cache.</summary>
    internal void ClearCache() => _model.ClearCache();

    /// <summary>Ids that random token-id prompts may use: the vocabulary without special or added tokens.</summary>
    internal int[] SampleableIds => _sampleable.Value;

    private int EncodeCore(string text, List<int>? output)
    {
        var count = 0;
        var position = 0;
        while (!_matcher.IsEmpty && _matcher.TryFindNext(text, position, out var token, out var start, out var end))
        {
            count += EncodeSegment(text.AsSpan(position, start - position), position == 0, output);
            output?.Add(token.Id);
            count++;
            position = end;
        }

        return count + EncodeSegment(text.AsSpan(position), position == 0, output);
    }

    private int EncodeSegment(ReadOnlySpan<char> segment, bool atStart, List<int>? output)
    {
        if (segment.IsEmpty)
        {
            return 0;
        }

        if (_normalizer is not null)
        {
            segment = _normalizer.Apply(segment);
        }

        var scratch = t_scratch;
        if (scratch is null || scratch.Length < _steps.Length)
        {
            scratch = new List<(int Start, int Length)>[Math.Max(_steps.Length, 4)];
            for (var i = 0; i < scratch.Length; i++)
            {
                scratch[i] = new List<(int Start, int Length)>();
            }

            t_scratch = scratch;
        }

        return Walk(segment, 0, atStart, output, scratch);
    }

    private int Walk(ReadOnlySpan<char> piece, int stage, bool atStart, List<int>? output, List<(int Start, int Length)>[] scratch)
    {
        if (stage == _steps.Length)
        {
            return _model.Encode(piece, output);
        }

        if (_steps[stage] is PrefixSpaceStep)
        {
            return piece.Length > 0 && piece[0] != ' '
                ? Walk(string.Concat(" ", piece), stage + 1, atStart, output, scratch)
                : Walk(piece, stage + 1, atStart, output, scratch);
        }

        if (_steps[stage] is MetaspaceStep metaspace)
        {
            piece = metaspace.Rewrite(piece, atStart);
        }

        var segments = scratch[stage];
        segments.Clear();
        _steps[stage].Segment(piece, segments);
        var count = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var (start, length) = segments[i];
            if (length > 0)
            {
                count += Walk(piece.Slice(start, length), stage + 1, atStart && start == 0, output, scratch);
            }
        }

        return count;
    }
}
