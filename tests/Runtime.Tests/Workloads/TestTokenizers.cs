using System;
using System.IO;
using PodBench.Runtime.Workloads;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>
/// The real tokenizers of the test data, loaded once per test run: byte-level Qwen3 and DeepSeek V3, SentencePiece
/// style Mistral (Llama 2 layout), its Metaspace variant and Gemma.
/// </summary>
internal static class TestTokenizers
{
    private static readonly Lazy<HfTokenizer> LazyQwen3 = new(() => HfTokenizer.Load(FolderOf("qwen3")));
    private static readonly Lazy<HfTokenizer> LazyDeepSeekV3 = new(() => HfTokenizer.Load(FolderOf("deepseek_v3")));
    private static readonly Lazy<HfTokenizer> LazyMistral = new(() => HfTokenizer.Load(FolderOf("mistral")));
    private static readonly Lazy<HfTokenizer> LazyMistralMetaspace = new(() => HfTokenizer.Load(FolderOf("mistral_metaspace")));
    private static readonly Lazy<HfTokenizer> LazyGemma = new(() => HfTokenizer.Load(FolderOf("gemma")));

    public static HfTokenizer Qwen3 => LazyQwen3.Value;

    public static HfTokenizer DeepSeekV3 => LazyDeepSeekV3.Value;

    public static HfTokenizer Mistral => LazyMistral.Value;

    public static HfTokenizer Gemma => LazyGemma.Value;

    public static HfTokenizer ByName(string name) => name switch
    {
        "qwen3" => Qwen3,
        "deepseek_v3" => DeepSeekV3,
        "mistral" => Mistral,
        "mistral_metaspace" => LazyMistralMetaspace.Value,
        "gemma" => Gemma,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "TestData", "Workloads");

    public static string FolderOf(string name) => Path.Combine(DataFolder, "tokenizers", name);
}
