namespace PodBench.Dsl;

/// <summary>
/// The simulated server's prefix cache, as vLLM's <c>--enable-prefix-caching</c>: the prompt's tokens in blocks of
/// <see cref="BlockTokens"/>, each full block keyed by its content and everything before it, kept in an LRU of
/// <see cref="CapacityBlocks"/> blocks. A request's leading blocks found in the cache are not prefilled again (its
/// TTFT loses their prefill time) and are reported as <c>usage.prompt_tokens_details.cached_tokens</c>.
/// </summary>
public sealed record SimulatorPrefixCache
{
    /// <summary>Tokens per block (vLLM's default block size is 16); only full blocks are cached.</summary>
    public int BlockTokens { get; init; } = 16;

    /// <summary>Blocks the cache holds; the least recently used block is evicted first.</summary>
    public int CapacityBlocks { get; init; } = 8192;
}
