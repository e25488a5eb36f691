namespace PodBench.Dsl;

/// <summary>
/// Synthetic groups of requests that share a long prefix, as a system prompt does (SGLang
/// <c>generated-shared-prefix</c>, inference-perf <c>shared_prefix</c>): <see cref="Groups"/> prefixes of
/// <see cref="PrefixLen"/> random words, each followed in <see cref="RequestsPerGroup"/> requests by its own suffix of
/// <see cref="SuffixLen"/> random words. A server's prefix cache can serve every request of a group after its first;
/// no two groups share a prefix and no two requests a suffix. The same <see cref="Seed"/> gives the same prompts.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
public sealed record SharedPrefixDataset(string Abbr) : Dataset(Abbr)
{
    /// <summary>Number of prefixes, 1 .. 2^20.</summary>
    public int Groups { get; init; } = 4;

    /// <summary>Requests per prefix, 1 .. 2^20 (the dataset has Groups x RequestsPerGroup requests, at most 2^20).</summary>
    public int RequestsPerGroup { get; init; } = 8;

    /// <summary>Words of each shared prefix, 1 .. 2^20.</summary>
    public int PrefixLen { get; init; } = 512;

    /// <summary>Words of each request's own suffix, 1 .. 2^20.</summary>
    public int SuffixLen { get; init; } = 32;

    /// <summary>Output length in tokens, sent as <c>max_tokens</c>.</summary>
    public int OutputLen { get; init; } = 64;

    /// <summary>Send order: grouped (default) or interleaved.</summary>
    public SharedPrefixOrder Order { get; init; } = SharedPrefixOrder.Grouped;

    /// <summary>Seed of the random words.</summary>
    public int Seed { get; init; } = 42;
}
