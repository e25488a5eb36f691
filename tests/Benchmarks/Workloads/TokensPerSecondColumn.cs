using System;
using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PodBench.Runtime.Workloads;

namespace PodBench.Benchmarks.Workloads;

/// <summary>
/// Tokens per second: the token count of what one benchmark op handles (by default the whole
/// <see cref="TokenizerCorpus"/> with the case's <c>Tokenizer</c>) over the mean time.
/// </summary>
internal sealed class TokensPerSecondColumn(Func<BenchmarkCase, long?>? tokensPerOp = null) : IColumn
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

        var tokens = tokensPerOp is null ? CorpusTokens(benchmarkCase) : tokensPerOp(benchmarkCase);
        if (tokens is null)
        {
            return "-";
        }

        return (tokens.Value / (stats.Mean * 1e-9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    private static long CorpusTokens(BenchmarkCase benchmarkCase)
    {
        var name = benchmarkCase.Parameters["Tokenizer"] as string ?? "qwen3";
        return Tokens.GetOrAdd(name, n => TokenizerCorpus.TotalTokens(HfTokenizer.Load(TokenizerCorpus.Folder(n))));
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
