using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.ShareGpt;

/// <summary>
/// Real conversations instead of synthetic prompts: a ShareGPT-format file (here a small one beside the plan; point
/// <c>Path</c> at <c>ShareGPT_V3_unfiltered_cleaned_split.json</c> for the file vLLM's benchmarks use), filtered by
/// length and drawn with a seed, and a plain JSONL of prompts. Goodput counts the requests that met every limit.
/// </summary>
[BenchmarkPlan]
public sealed class ShareGptPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Chat = ModelEndpoint.StreamChat("sharegpt-chat") with
    {
        Model = "qwen",
        Concurrency = 4,
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
        // TokenizerPath = "tokenizer", // a folder with tokenizer.json: lengths are then counted in tokens, not words
    };

    private static readonly ShareGptDataset Conversations = new("sharegpt", "data/sharegpt.json")
    {
        MinPromptLen = 4,
        MaxPromptLen = 1024,
        MinOutputLen = 4,
        SampleCount = 8,
        Seed = 0,
    };

    private static readonly PromptJsonlDataset Prompts = new("prompts", "data/prompts.jsonl");

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Chat];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Conversations, Prompts];

    /// <inheritdoc />
    public override SummaryOptions Summary => SummaryOptions.Default.WithGoodput(ttftMs: 200, tpotMs: 20);
}
