using System;
using System.IO;
using PodBench.Runtime.Workloads;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>The two real tokenizers of the test data, loaded once per test run.</summary>
internal static class TestTokenizers
{
    private static readonly Lazy<HfTokenizer> LazyQwen3 = new(() => HfTokenizer.Load(FolderOf("qwen3")));
    private static readonly Lazy<HfTokenizer> LazyDeepSeekV3 = new(() => HfTokenizer.Load(FolderOf("deepseek_v3")));

    public static HfTokenizer Qwen3 => LazyQwen3.Value;

    public static HfTokenizer DeepSeekV3 => LazyDeepSeekV3.Value;

    public static HfTokenizer ByName(string name) => name switch
    {
        "qwen3" => Qwen3,
        "deepseek_v3" => DeepSeekV3,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "TestData", "Workloads");

    public static string FolderOf(string name) => Path.Combine(DataFolder, "tokenizers", name);
}
