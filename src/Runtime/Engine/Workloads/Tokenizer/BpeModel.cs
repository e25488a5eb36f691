using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// A BPE model: the vocabulary, the merges with their ranks, and a thread-safe cache of the ids of each pre-token
/// word (most words repeat, so counting a large output is mostly cache hits). Byte-level (GPT-2 style: the word's
/// UTF-8 bytes mapped to characters are the first symbols) or SentencePiece style (the word's characters are, and a
/// character missing from the vocabulary becomes its <c>&lt;0xNN&gt;</c> byte tokens with byte_fallback, else unk).
/// </summary>
internal sealed class BpeModel
{
    private const int CacheLimit = 200_000;
    private const int SmallWord = 48;

    // Longer words (a whole SentencePiece segment has no pre-tokenizer to cut it) rarely repeat: not cached.
    private const int CachedWordLimit = 256;

    // (left id << 32 | right id) -> (rank << 32 | merged id)
    private readonly Dictionary<long, long> _merges;
    private readonly int[] _byteToId;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheBySpan;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocabBySpan;
    private readonly bool _byteLevel;
    private readonly int _unkId;
    private readonly bool _fuseUnk;

    /// <param name="vocab">Token text to id.</param>
    /// <param name="merges">(left id, right id) to (rank, merged id), see <see cref="Key"/>.</param>
    /// <param name="ignoreMerges">A word found whole in the vocabulary is one token.</param>
    /// <param name="byteLevel">GPT-2 byte-level symbols; false for SentencePiece-style character symbols.</param>
    /// <param name="byteFallback">Character symbols missing from the vocabulary become their <c>&lt;0xNN&gt;</c> tokens.</param>
    /// <param name="unkId">The unk token for a character that has no id otherwise, or -1 to drop it.</param>
    /// <param name="fuseUnk">Consecutive unk tokens become one.</param>
    public BpeModel(Dictionary<string, int> vocab, Dictionary<long, long> merges, bool ignoreMerges, bool byteLevel = true, bool byteFallback = false, int unkId = -1, bool fuseUnk = false)
    {
        Vocab = vocab;
        _merges = merges;
        IgnoreMerges = ignoreMerges;
        _byteLevel = byteLevel;
        _unkId = unkId;
        _fuseUnk = fuseUnk;
        _byteToId = new int[256];
        for (var b = 0; b < 256; b++)
        {
            var token = byteLevel ? ByteLevelMap.ByteToChar[b].ToString() : $"<0x{b:X2}>";
            _byteToId[b] = (byteLevel || byteFallback) && vocab.TryGetValue(token, out var id) ? id : -1;
        }

        _cacheBySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        _vocabBySpan = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Token text to id.</summary>
    public Dictionary<string, int> Vocab { get; }

    /// <summary>When true a word found whole in the vocabulary is one token, whatever the merges say.</summary>
    public bool IgnoreMerges { get; }

    /// <summary>Forgets every cached word (benchmarks measure the cold path with it).</summary>
    internal void ClearCache() => _cache.Clear();

    /// <summary>Appends the ids of one pre-token word (raw text, before the byte mapping) and returns how many.</summary>
    public int Encode(ReadOnlySpan<char> word, List<int>? output)
    {
        if (word.IsEmpty)
        {
            return 0;
        }

        if (word.Length > CachedWordLimit)
        {
            var uncached = _byteLevel ? EncodeUncached(word) : EncodeCharacters(word);
            output?.AddRange(uncached);
            return uncached.Length;
        }

        if (!_cacheBySpan.TryGetValue(word, out var ids))
        {
            ids = _byteLevel ? EncodeUncached(word) : EncodeCharacters(word);
            if (_cache.Count >= CacheLimit)
            {
                _cache.Clear();
            }

            _cacheBySpan.TryAdd(word, ids);
        }

        output?.AddRange(ids);
        return ids.Length;
    }

    private int[] EncodeUncached(ReadOnlySpan<char> word)
    {
        var byteCount = Encoding.UTF8.GetByteCount(word);
        var rented = byteCount > 256 ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
        var bytes = rented is null ? stackalloc byte[byteCount] : rented.AsSpan(0, byteCount);
        try
        {
            Encoding.UTF8.GetBytes(word, bytes);
            if (IgnoreMerges && TryWholeWord(bytes, out var whole))
            {
                return [whole];
            }

            var symbols = new int[byteCount];
            var count = 0;
            foreach (var b in bytes)
            {
                var id = _byteToId[b];
                if (id >= 0)
                {
                    symbols[count++] = id;
                }
            }

            return count <= SmallWord ? MergeSmall(symbols, count) : MergeLarge(symbols, count);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Hugging Face's BPE without byte-level: one symbol per character (Unicode scalar), then the same merges.
    private int[] EncodeCharacters(ReadOnlySpan<char> word)
    {
        if (IgnoreMerges && _vocabBySpan.TryGetValue(word, out var whole))
        {
            return [whole];
        }

        var symbols = new int[Encoding.UTF8.GetByteCount(word)];
        var count = 0;
        var lastWasUnk = false;
        Span<char> utf16 = stackalloc char[2];
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in word.EnumerateRunes())
        {
            var length = rune.EncodeToUtf16(utf16);
            if (_vocabBySpan.TryGetValue(utf16[..length], out var id))
            {
                symbols[count++] = id;
                lastWasUnk = false;
                continue;
            }

            var byteCount = rune.EncodeToUtf8(utf8);
            var allBytes = true;
            for (var i = 0; i < byteCount && allBytes; i++)
            {
                allBytes = _byteToId[utf8[i]] >= 0;
            }

            if (allBytes)
            {
                for (var i = 0; i < byteCount; i++)
                {
                    symbols[count++] = _byteToId[utf8[i]];
                }

                lastWasUnk = false;
            }
            else if (_unkId >= 0 && !(_fuseUnk && lastWasUnk))
            {
                symbols[count++] = _unkId;
                lastWasUnk = true;
            }
        }

        return count <= SmallWord ? MergeSmall(symbols, count) : MergeLarge(symbols, count);
    }

    private bool TryWholeWord(ReadOnlySpan<byte> bytes, out int id)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteLevelMap.ByteToChar[bytes[i]];
        }

        return Vocab.TryGetValue(new string(chars), out id);
    }

    // Repeatedly merges the adjacent pair of lowest rank (leftmost on ties): quadratic, but fastest for short words.
    private int[] MergeSmall(int[] symbols, int count)
    {
        while (count > 1)
        {
            var bestRank = long.MaxValue;
            var bestPos = -1;
            var bestId = 0;
            for (var i = 0; i < count - 1; i++)
            {
                if (_merges.TryGetValue(Key(symbols[i], symbols[i + 1]), out var packed) && (packed >> 32) < bestRank)
                {
                    bestRank = packed >> 32;
                    bestPos = i;
                    bestId = (int)packed;
                }
            }

            if (bestPos < 0)
            {
                break;
            }

            symbols[bestPos] = bestId;
            Array.Copy(symbols, bestPos + 2, symbols, bestPos + 1, count - bestPos - 2);
            count--;
        }

        return symbols.AsSpan(0, count).ToArray();
    }

    // The same merges with a priority queue over (rank, position) and a linked list of symbols: n log n.
    private int[] MergeLarge(int[] ids, int count)
    {
        if (count == 0)
        {
            return [];
        }

        var next = new int[count];
        var prev = new int[count];
        var alive = new bool[count];
        for (var i = 0; i < count; i++)
        {
            next[i] = i + 1 < count ? i + 1 : -1;
            prev[i] = i - 1;
            alive[i] = true;
        }

        // Element: left << 32 | right; priority: rank << 32 | left position (leftmost on ties), one long each.
        var queue = new PriorityQueue<long, long>(count);
        for (var i = 0; i < count - 1; i++)
        {
            Push(queue, ids, i, i + 1);
        }

        while (queue.TryDequeue(out var pair, out var priority))
        {
            var left = (int)(pair >> 32);
            var right = (int)pair;
            if (!alive[left] || !alive[right] || next[left] != right
                || !_merges.TryGetValue(Key(ids[left], ids[right]), out var packed) || (packed >> 32) != (priority >> 32))
            {
                continue;
            }

            ids[left] = (int)packed;
            alive[right] = false;
            next[left] = next[right];
            if (next[right] >= 0)
            {
                prev[next[right]] = left;
                Push(queue, ids, left, next[left]);
            }

            if (prev[left] >= 0)
            {
                Push(queue, ids, prev[left], left);
            }
        }

        var result = new List<int>(count);
        for (var i = 0; i >= 0; i = next[i])
        {
            result.Add(ids[i]);
        }

        return result.ToArray();
    }

    private void Push(PriorityQueue<long, long> queue, int[] ids, int left, int right)
    {
        if (_merges.TryGetValue(Key(ids[left], ids[right]), out var packed))
        {
            queue.Enqueue(((long)left << 32) | (uint)right, (packed >> 32 << 32) | (uint)left);
        }
    }

    public static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
