using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PodBench.Benchmarks.Workloads;

/// <summary>Tokens per second over the <see cref="DatasetPrompts"/> of the case's <c>Tokenizer</c> and <c>Prompts</c>.</summary>
internal sealed class PromptTokensPerSecondColumn : IColumn
{
    public string Id => nameof(PromptTokensPerSecondColumn);

    public string ColumnName => "Tokens/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Tokens of the prompts processed per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not { } stats
            || benchmarkCase.Parameters["Tokenizer"] is not string tokenizer
            || benchmarkCase.Parameters["Prompts"] is not string prompts)
        {
            return "-";
        }

        return (DatasetPrompts.Tokens(tokenizer, prompts) / (stats.Mean * 1e-9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
