using System;
using System.Collections.Generic;
using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// The simulated prefix cache (<see cref="SimulatorPrefixCache"/>): full blocks of token hashes, each keyed by a hash
/// of its tokens and of every token before it (so a block hits only after the same prefix), in one LRU shared by
/// every request. Thread-safe.
/// </summary>
internal sealed class PrefixCacheStore
{
    private readonly object _gate = new();
    private readonly Dictionary<ulong, LinkedListNode<ulong>> _blocks = new();
    private readonly LinkedList<ulong> _lru = new();
    private readonly int _blockTokens;
    private readonly int _capacity;

    public PrefixCacheStore(SimulatorPrefixCache options)
    {
        if (options.BlockTokens < 1 || options.CapacityBlocks < 1)
        {
            throw new ArgumentException($"SimulatorOptions.PrefixCache: BlockTokens and CapacityBlocks must be at least 1 (they are {options.BlockTokens} and {options.CapacityBlocks}).", nameof(options));
        }

        _blockTokens = options.BlockTokens;
        _capacity = options.CapacityBlocks;
    }

    /// <summary>
    /// The prompt tokens served from the cache: the leading full blocks found, at most the blocks before the prompt's
    /// last token (which is always computed, as vLLM does, for the first token's logits). Found blocks become the most
    /// recently used.
    /// </summary>
    public int Lookup(IReadOnlyList<ulong> prompt)
    {
        var keys = BlockKeys(prompt, (prompt.Count - 1) / _blockTokens);
        var hits = 0;
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (!_blocks.TryGetValue(key, out var node))
                {
                    break;
                }

                _lru.Remove(node);
                _lru.AddFirst(node);
                hits++;
            }
        }

        return hits * _blockTokens;
    }

    /// <summary>Caches every full block of <paramref name="tokens"/>, evicting the least recently used blocks beyond the capacity.</summary>
    public void Insert(IReadOnlyList<ulong> tokens)
    {
        var keys = BlockKeys(tokens, tokens.Count / _blockTokens);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_blocks.TryGetValue(key, out var node))
                {
                    _lru.Remove(node);
                    _lru.AddFirst(node);
                    continue;
                }

                _blocks[key] = _lru.AddFirst(key);
                if (_blocks.Count > _capacity)
                {
                    _blocks.Remove(_lru.Last!.Value);
                    _lru.RemoveLast();
                }
            }
        }
    }

    private List<ulong> BlockKeys(IReadOnlyList<ulong> tokens, int blocks)
    {
        var keys = new List<ulong>(Math.Max(0, blocks));
        var h = 14695981039346656037UL;
        for (var b = 0; b < blocks; b++)
        {
            for (var i = b * _blockTokens; i < (b + 1) * _blockTokens; i++)
            {
                h = PromptTokens.Mix(h, tokens[i]);
            }

            keys.Add(h);
        }

        return keys;
    }
}
