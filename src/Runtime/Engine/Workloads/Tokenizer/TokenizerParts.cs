using System.Collections.Generic;

namespace PodBench.Runtime.Workloads;

/// <summary>What <see cref="TokenizerLoader"/> reads from a tokenizer folder.</summary>
internal sealed record TokenizerParts(
    BpeModel Model,
    PreTokenizerStep[] Steps,
    TextNormalizer? Normalizer,
    PieceDecoder? Decoder,
    IReadOnlyList<AddedToken> AddedTokens,
    string?[] IdToToken,
    int[] SpecialPrefix,
    int[] SpecialSuffix,
    IReadOnlyList<int> SpecialIds,
    int? BosId,
    int? EosId,
    string? ChatTemplate);
