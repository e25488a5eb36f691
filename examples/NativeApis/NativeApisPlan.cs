using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.NativeApis;

/// <summary>
/// One task per native server API the reference speaks, each against the built-in simulator (which answers every
/// one of them): MindIE's <c>/infer</c> stream, TGI's <c>/generate</c> and <c>/generate_stream</c>, Triton's
/// <c>generate</c> and <c>generate_stream</c>. Against a real server set <c>Url</c> (or <c>-p:BenchmarkEndpoints=</c>)
/// and point <c>TokenizerPath</c> at the served model's folder: these APIs report no usage, so the tokenizer counts the
/// prompt (and Triton's output).
/// </summary>
[BenchmarkPlan]
public sealed class NativeApisPlan : BenchmarkPlan
{
    // a tokenizer.json of this repository (Qwen3's); the simulator's words are one token each in it
    private const string Tokenizer = "../../tests/Runtime.Tests/TestData/Workloads/tokenizers/qwen3";

    private static readonly GenerationArgs Exact = GenerationArgs.Empty.WithIgnoreEos();

    private static readonly ModelEndpoint Mindie = ModelEndpoint.MindieStream("mindie-stream-api") with { Concurrency = 4, TokenizerPath = Tokenizer, Generation = Exact };

    private static readonly ModelEndpoint Tgi = ModelEndpoint.Tgi("tgi-api-general") with { Concurrency = 4, TokenizerPath = Tokenizer, Generation = Exact };

    private static readonly ModelEndpoint TgiStream = ModelEndpoint.TgiStream("tgi-stream-api-general") with { Concurrency = 4, TokenizerPath = Tokenizer, Generation = Exact };

    // Triton names the model in the request path: the simulator serves "qwen"
    private static readonly ModelEndpoint Triton = ModelEndpoint.Triton("triton-api-general") with { Model = "qwen", Concurrency = 4, TokenizerPath = Tokenizer, Generation = Exact };

    private static readonly ModelEndpoint TritonStream = ModelEndpoint.TritonStream("triton-stream-api-general") with { Model = "qwen", Concurrency = 4, TokenizerPath = Tokenizer, Generation = Exact };

    private static readonly SyntheticDataset Synthetic = new("synthetic")
    {
        RequestCount = 16,
        DistinctPrompts = true,
        Input = Length.Uniform(64, 128),
        Output = Length.Uniform(32, 64),
    };

    /// <inheritdoc />
    public override IReadOnlyList<ModelEndpoint> Models => [Mindie, Tgi, TgiStream, Triton, TritonStream];

    /// <inheritdoc />
    public override IReadOnlyList<Dataset> Datasets => [Synthetic];
}
