using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PodBench.Runtime.Workloads;

namespace PodBench.Benchmarks.Workloads;

/// <summary>Tokens per second: the corpus' token count (every benchmark op handles the whole corpus) over the mean time.</summary>
internal sealed class TokensPerSecondColumn : IColumn
{
    private static readonly ConcurrentDictionary<string, long> Tokens = new();

    public string Id => nameof(TokensPerSecondColumn);

    public string ColumnName => "Tokens/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Tokens of the corpus processed per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats)
        {
            return "-";
        }

        var name = benchmarkCase.Parameters["Tokenizer"] as string ?? "qwen3";
        var tokens = Tokens.GetOrAdd(name, n => TokenizerCorpus.TotalTokens(HfTokenizer.Load(TokenizerCorpus.Folder(n))));
        return (tokens / (stats.Mean * 1e-9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
