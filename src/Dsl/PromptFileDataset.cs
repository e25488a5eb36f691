namespace PodBench.Dsl;

/// <summary>
/// A file of real prompts: <see cref="ShareGptDataset"/> or <see cref="PromptJsonlDataset"/>. Every entry is checked
/// before any request is sent (a malformed one is an error naming the file and line); then the length filters drop
/// entries, and <see cref="SampleCount"/> draws the requests with <see cref="Seed"/>. Lengths are counted in tokens by
/// the endpoint's <see cref="ModelEndpoint.TokenizerPath"/>, in whitespace-separated words when it has none.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
/// <param name="Path">The file; relative paths are resolved against the plan project folder.</param>
public abstract record PromptFileDataset(string Abbr, string Path) : Dataset(Abbr)
{
    /// <summary>Drop entries whose prompt is shorter than this (vLLM's ShareGPT loader: 4); null keeps all.</summary>
    public int? MinPromptLen { get; init; }

    /// <summary>Drop entries whose prompt is longer than this (vLLM's ShareGPT loader: 1024); null keeps all.</summary>
    public int? MaxPromptLen { get; init; }

    /// <summary>Drop entries whose output length is known and shorter than this; null keeps all.</summary>
    public int? MinOutputLen { get; init; }

    /// <summary>Drop entries whose output length is known and longer than this; null keeps all.</summary>
    public int? MaxOutputLen { get; init; }

    /// <summary>
    /// Every request's <c>max_tokens</c>, instead of each entry's own output length (vLLM:
    /// <c>--sharegpt-output-len</c>); null keeps the entry's. The output-length filters then do not apply.
    /// </summary>
    public int? OutputLen { get; init; }

    /// <summary>
    /// Send this many entries, drawn without replacement with <see cref="Seed"/> from those the filters keep (vLLM
    /// shuffles with its seed and takes the first N); null sends every kept entry in file order. More than are kept
    /// is an error.
    /// </summary>
    public int? SampleCount { get; init; }

    /// <summary>Seed of the draw made by <see cref="SampleCount"/>.</summary>
    public int Seed { get; init; }
}
