namespace PodBench.Dsl;

/// <summary>What a synthetic dataset generates (reference: <c>Type</c>).</summary>
public enum SyntheticKind
{
    /// <summary>Prompts of the word "A" repeated n times (reference: <c>string</c>).</summary>
    String,

    /// <summary>Random token ids decoded by the tokenizer (reference: <c>tokenid</c>).</summary>
    TokenId,
}
