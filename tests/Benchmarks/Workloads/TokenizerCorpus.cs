using System;
using System.IO;
using System.Linq;
using System.Text;
using PodBench.Runtime.Workloads;

namespace PodBench.Benchmarks.Workloads;

/// <summary>The benchmark's texts (deterministic: LLM-output-like English, Chinese, code and numbers) and tokenizers.</summary>
internal static class TokenizerCorpus
{
    private static readonly string[] Phrases =
    [
        "The results show that the model performs well on most benchmarks, ",
        "however the latency increases sharply under heavy load. ",
        "我们需要进一步分析推理服务器的吞吐量和首字延迟。",
        "def handler(request):\n    return {\"status\": 200, \"body\": request.json()}\n",
        "In 2024, throughput reached 12,345.67 tokens/s at p99 latency of 842 ms. ",
        "Let's think step by step: first, compute 17 * 23 = 391; then add 9. ",
        "for (var i = 0; i < items.Length; i++) { total += items[i]; }\n",
        "Überprüfen Sie die Konfiguration, bevor Sie fortfahren. ",
        "🚀 Deployment complete! ✅ All 42 checks passed. ",
        "\n\n## Summary\n\n- Point one\n- Point two\n",
    ];

    /// <summary>200 texts of about 1 KB, like the outputs of a benchmark run.</summary>
    public static string[] Texts { get; } = Build();

    public static string Folder(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new DirectoryNotFoundException("Dsl.sln not found above " + AppContext.BaseDirectory)
            : Path.Combine(dir.FullName, "tests", "Runtime.Tests", "TestData", "Workloads", "tokenizers", name);
    }

    public static long TotalTokens(HfTokenizer tokenizer) => Texts.Sum(t => (long)tokenizer.Encode(t).Length);

    private static string[] Build()
    {
        var random = new Random(42);
        return Enumerable.Range(0, 200).Select(_ =>
        {
            var sb = new StringBuilder();
            while (sb.Length < 1000)
            {
                sb.Append(Phrases[random.Next(Phrases.Length)]);
                sb.Append(random.Next(100000));
                sb.Append(' ');
            }

            return sb.ToString();
        }).ToArray();
    }
}
