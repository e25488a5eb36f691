using System;
using System.Collections.Concurrent;
using System.Linq;
using PodBench.Runtime.Workloads;

namespace PodBench.Benchmarks.Workloads;

/// <summary>
/// Prompts as the datasets make them: the synthetic string kind's <c>"A A A ..."</c> (100 prompts of 1,000 words),
/// the token-id kind's decoded random ids (100 prompts of 1,000 ids) and a custom dataset's mixed texts
/// (<see cref="TokenizerCorpus.Texts"/>, 200 texts of ~1 KB).
/// </summary>
internal static class DatasetPrompts
{
    private static readonly ConcurrentDictionary<(string, string), long> TokenCounts = new();

    public static string[] Of(string kind, HfTokenizer tokenizer) => kind switch
    {
        "synthetic-string" => Enumerable.Repeat(new RepeatedWordPrompt().Of(1000), 100).ToArray(),
        "synthetic-tokenid" => TokenIdPrompts(tokenizer),
        "custom" => TokenizerCorpus.Texts,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown prompt kind"),
    };

    /// <summary>The tokens of all prompts of <paramref name="kind"/>, counted once per tokenizer.</summary>
    public static long Tokens(string tokenizer, string kind) => TokenCounts.GetOrAdd((tokenizer, kind), key =>
    {
        var t = HfTokenizer.Load(TokenizerCorpus.Folder(key.Item1));
        return Of(key.Item2, t).Sum(p => (long)t.CountTokens(p));
    });

    private static string[] TokenIdPrompts(HfTokenizer tokenizer)
    {
        var random = new Random(7);
        var pool = tokenizer.SampleableIds;
        return Enumerable.Range(0, 100)
            .Select(_ => tokenizer.Decode(Enumerable.Range(0, 1000).Select(_ => pool[random.Next(pool.Length)]).ToArray(), skipSpecialTokens: true))
            .ToArray();
    }
}
