namespace PodBench.Dsl;

/// <summary>
/// A generated dataset (reference: <c>synthetic_gen_string</c> / <c>synthetic_gen_tokenid</c>). With the same
/// <see cref="Seed"/> the same plan sends the same requests every time.
/// </summary>
public sealed record SyntheticDataset(string Abbr) : Dataset(Abbr)
{
    /// <summary>String prompts (default) or random token ids.</summary>
    public SyntheticKind Kind { get; init; } = SyntheticKind.String;

    /// <summary>Number of requests, 1 .. 2^20 (reference: <c>RequestCount</c>).</summary>
    public int RequestCount { get; init; } = 1;

    /// <summary>Input length in words ("A A A ...") for the string kind.</summary>
    public LengthDistribution Input { get; init; } = Length.Fixed(100);

    /// <summary>Output length in tokens, sent as the request's <c>max_tokens</c>.</summary>
    public LengthDistribution Output { get; init; } = Length.Fixed(100);

    /// <summary>Token-id kind: tokens per request (reference: <c>RequestSize</c>).</summary>
    public int RequestSize { get; init; } = 100;

    /// <summary>Token-id kind: length of the random prefix shared by every request (reference: <c>PrefixLen</c>).</summary>
    public int PrefixLen { get; init; }

    /// <summary>
    /// String kind: make every request's prompt distinct, so that a server's prefix cache cannot answer from an earlier
    /// request (the reference's "A A A ..." prompts of one length are identical). The first word of each prompt becomes a
    /// salt of 8 letters unique to the run, the dataset and the row; the word count stays, the token count may grow by a
    /// few tokens. Default false: the reference's prompts, for comparable numbers.
    /// </summary>
    public bool DistinctPrompts { get; init; }

    /// <summary>Seed of every random draw of this dataset.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>A copy with <paramref name="count"/> requests.</summary>
    public SyntheticDataset WithRequestCount(int count) => this with { RequestCount = count };

    /// <summary>A copy with the given input and output length distributions.</summary>
    public SyntheticDataset WithLengths(LengthDistribution input, LengthDistribution output) => this with { Input = input, Output = output };
}
