using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PodBench.Runtime.Workloads;

namespace PodBench.Benchmarks.Workloads;

/// <summary>
/// <see cref="HfTokenizer"/> against Tokenizers.DotNet (the served wrapper of Hugging Face's Rust <c>tokenizers</c>)
/// on the prompts of the three dataset kinds (<see cref="DatasetPrompts"/>), with the same tokenizer.json:
/// <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*TokenizerLibraryBenchmarks*'</c>.
/// The decision it backs is written in docs/architecture.md ("Decisions written down").
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class TokenizerLibraryBenchmarks
{
    private HfTokenizer _ours = null!;
    private Tokenizers.DotNet.Tokenizer _library = null!;
    private string[] _texts = null!;

    [Params("qwen3", "deepseek_v3", "mistral", "gemma")]
    public string Tokenizer { get; set; } = "qwen3";

    [Params("synthetic-string", "synthetic-tokenid", "custom")]
    public string Prompts { get; set; } = "custom";

    [GlobalSetup]
    public void Setup()
    {
        _ours = HfTokenizer.Load(TokenizerCorpus.Folder(Tokenizer));
        _library = new Tokenizers.DotNet.Tokenizer(System.IO.Path.Combine(TokenizerCorpus.Folder(Tokenizer), "tokenizer.json"));
        _texts = DatasetPrompts.Of(Prompts, _ours);
    }

    [GlobalCleanup]
    public void Cleanup() => _library.Dispose();

    /// <summary>Ours, counting (what the runner does for every prompt and output), per-word cache warm.</summary>
    [Benchmark(Baseline = true)]
    public long OursCount()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _ours.CountTokens(text);
        }

        return total;
    }

    /// <summary>Ours, encoding to id arrays.</summary>
    [Benchmark]
    public long OursEncode()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _ours.Encode(text).Length;
        }

        return total;
    }

    /// <summary>Tokenizers.DotNet: its only call, encoding to an id array across P/Invoke.</summary>
    [Benchmark]
    public long LibraryEncode()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _library.Encode(text).Length;
        }

        return total;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new TokensPerSecondColumn(c =>
            c.Parameters["Tokenizer"] is string tokenizer && c.Parameters["Prompts"] is string prompts ? DatasetPrompts.Tokens(tokenizer, prompts) : null));
    }
}
