namespace PodBench.Dsl;

/// <summary>
/// A JSONL file of questions (reference: <c>custom_qa_gen</c>, <c>custom_qa_mcq</c>). Every line is checked before any
/// request is sent; a malformed one is an error naming the file and line.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
/// <param name="Path">The JSONL file; relative paths are resolved against the plan project folder.</param>
public sealed record CustomQaDataset(string Abbr, string Path) : Dataset(Abbr)
{
    /// <summary>Generative (default) or multiple choice.</summary>
    public QaKind Kind { get; init; } = QaKind.Generative;

    /// <summary>Per-row <c>max_tokens</c> when a row has no <c>max_out_len</c>; null uses the model's.</summary>
    public int? MaxOutLen { get; init; }
}
