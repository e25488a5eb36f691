using System.Threading;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// The token counters and the KV cache model behind the simulator's <c>/metrics</c> (<see cref="PrometheusExposition"/>):
/// prompt tokens prefilled, tokens generated, prefix cache queries and hits (in tokens, as vLLM counts them), and
/// the tokens the running streams hold in the KV cache.
/// </summary>
internal sealed class SimulatorCounters
{
    /// <summary>KV cache capacity per batch slot, in tokens: the cache holds <c>MaxBatch</c> x this many tokens.</summary>
    public const int KvTokensPerSlot = 2048;

    private long _promptTokens;
    private long _generationTokens;
    private long _prefixQueries;
    private long _prefixHits;
    private long _kvTokens;

    /// <summary>Prompt tokens prefilled (<c>vllm:prompt_tokens_total</c>).</summary>
    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    /// <summary>Tokens generated (<c>vllm:generation_tokens_total</c>).</summary>
    public long GenerationTokens => Interlocked.Read(ref _generationTokens);

    /// <summary>Prompt tokens looked up in the prefix cache (<c>vllm:prefix_cache_queries_total</c>).</summary>
    public long PrefixCacheQueries => Interlocked.Read(ref _prefixQueries);

    /// <summary>Prompt tokens found in the prefix cache (<c>vllm:prefix_cache_hits_total</c>).</summary>
    public long PrefixCacheHits => Interlocked.Read(ref _prefixHits);

    /// <summary>Tokens the running streams hold in the KV cache now.</summary>
    public long KvTokens => Interlocked.Read(ref _kvTokens);

    /// <summary>A stream starts its prefill: its prompt is queried in the prefix cache and enters the KV cache.</summary>
    /// <param name="promptTokens">The prompt's tokens.</param>
    /// <param name="cachedTokens">Of those, the tokens the prefix cache already held.</param>
    public void OnPrefill(int promptTokens, int cachedTokens = 0)
    {
        Interlocked.Add(ref _promptTokens, promptTokens);
        Interlocked.Add(ref _prefixQueries, promptTokens);
        Interlocked.Add(ref _prefixHits, cachedTokens);
        Interlocked.Add(ref _kvTokens, promptTokens);
    }

    /// <summary>A stream generated <paramref name="tokens"/> more tokens (they stay in its KV cache until it ends).</summary>
    public void OnGenerated(int tokens)
    {
        Interlocked.Add(ref _generationTokens, tokens);
        Interlocked.Add(ref _kvTokens, tokens);
    }

    /// <summary>A stream ended: its <paramref name="heldTokens"/> leave the KV cache.</summary>
    public void OnRelease(long heldTokens) => Interlocked.Add(ref _kvTokens, -heldTokens);
}
