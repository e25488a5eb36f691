using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PodBench.Runtime.Workloads;

namespace PodBench.Benchmarks.Workloads;

/// <summary>
/// Token counting speed of <see cref="HfTokenizer"/> over 200 output-like texts (~200 KB):
/// <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*TokenizerBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TokenizerBenchmarkConfig))]
public class TokenizerBenchmarks
{
    private HfTokenizer _tokenizer = null!;
    private string[] _texts = null!;

    [Params("qwen3", "deepseek_v3")]
    public string Tokenizer { get; set; } = "qwen3";

    [GlobalSetup]
    public void Setup()
    {
        _tokenizer = HfTokenizer.Load(TokenizerCorpus.Folder(Tokenizer));
        _texts = TokenizerCorpus.Texts;
    }

    /// <summary>Counting with the per-word cache warm: the steady state of a long run.</summary>
    [Benchmark(Baseline = true)]
    public long CountWarm()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _tokenizer.CountTokens(text);
        }

        return total;
    }

    /// <summary>Counting with an empty cache: every word goes through BPE once.</summary>
    [Benchmark]
    public long CountCold()
    {
        _tokenizer.ClearCache();
        return CountWarm();
    }

    /// <summary>Encoding to id arrays (warm cache).</summary>
    [Benchmark]
    public long EncodeWarm()
    {
        long total = 0;
        foreach (var text in _texts)
        {
            total += _tokenizer.Encode(text).Length;
        }

        return total;
    }

    private sealed class TokenizerBenchmarkConfig : ManualConfig
    {
        public TokenizerBenchmarkConfig() => AddColumn(new TokensPerSecondColumn());
    }
}
