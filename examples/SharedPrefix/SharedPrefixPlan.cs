using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.SharedPrefix;

/// <summary>
/// Groups of requests that share a long system-prompt-like prefix (SGLang <c>generated-shared-prefix</c>), against
/// a server with a prefix cache (here the simulator's, as vLLM's <c>--enable-prefix-caching</c>): the report shows the
/// cached prompt tokens the server reported and the hit rate, and warns that those hits lower TTFT. Compare with
/// <c>Order = SharedPrefixOrder.Interleaved</c>, or with a smaller <c>CapacityBlocks</c>, to see the cache evict.
/// </summary>
[BenchmarkPlan]
public sealed class SharedPrefixPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Chat = ModelEndpoint.StreamChat("prefix-chat") with
    {
        Model = "qwen",
        Concurrency = 4,
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
    };

    private static readonly SharedPrefixDataset Groups = new("shared-prefix")
    {
        Groups = 4,
        RequestsPerGroup = 8,
        PrefixLen = 512,
        SuffixLen = 32,
        OutputLen = 64,
    };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Chat];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Groups];

    /// <inheritdoc />
    public override SimulatorOptions Simulator => SimulatorOptions.Default with
    {
        PrefixCache = new SimulatorPrefixCache { BlockTokens = 16, CapacityBlocks = 8192 },
    };
}
