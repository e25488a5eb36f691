using System;
using System.Collections.Generic;
using System.Globalization;
using PodBench.Dsl;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Generates a <see cref="SyntheticDataset"/> (reference: <c>synthetic_gen_string</c> / <c>_tokenid</c>) from its
/// <see cref="SyntheticDataset.Seed"/>: the same plan gives the same prompts. Each row draws its input then its
/// output length, as the reference does, so the first N rows do not depend on <c>RequestCount</c>.
/// </summary>
internal static class SyntheticGenerator
{
    private const int Limit = 1 << 20;

    public static IReadOnlyList<PromptRow> Generate(SyntheticDataset dataset, Func<HfTokenizer> tokenizer, int rowCount)
    {
        Validate(dataset);
        return dataset.Kind == SyntheticKind.TokenId ? TokenIds(dataset, tokenizer(), rowCount) : Strings(dataset, rowCount);
    }

    private static List<PromptRow> Strings(SyntheticDataset dataset, int rowCount)
    {
        var random = new SeededRandom(dataset.Seed);
        var prompts = new RepeatedWordPrompt();
        var rows = new List<PromptRow>(rowCount);
        for (var i = 0; i < rowCount; i++)
        {
            var input = LengthSampler.Sample(dataset.Input, random);
            var output = LengthSampler.Sample(dataset.Output, random);
            rows.Add(new PromptRow(i, prompts.Of(input), output));
        }

        return rows;
    }

    private static List<PromptRow> TokenIds(SyntheticDataset dataset, HfTokenizer tokenizer, int rowCount)
    {
        var random = new SeededRandom(dataset.Seed);
        var pool = tokenizer.SampleableIds;
        var prefixIds = new int[dataset.PrefixLen];
        for (var i = 0; i < prefixIds.Length; i++)
        {
            prefixIds[i] = pool[random.NextInt(pool.Length)];
        }

        var prefix = tokenizer.Decode(prefixIds, skipSpecialTokens: true);
        var ids = new int[dataset.RequestSize - dataset.PrefixLen];
        var rows = new List<PromptRow>(rowCount);
        for (var row = 0; row < rowCount; row++)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = pool[random.NextInt(pool.Length)];
            }

            rows.Add(new PromptRow(row, prefix + tokenizer.Decode(ids, skipSpecialTokens: true)));
        }

        return rows;
    }

    private static void Validate(SyntheticDataset d)
    {
        var where = $"dataset \"{d.Abbr}\"";
        Check(d.RequestCount is >= 1 and <= Limit, $"{where}: RequestCount must be in 1..{Limit}, got {d.RequestCount}");
        if (d.Kind == SyntheticKind.TokenId)
        {
            Check(d.RequestSize is >= 1 and <= Limit, $"{where}: RequestSize must be in 1..{Limit}, got {d.RequestSize}");
            Check(d.PrefixLen >= 0 && d.PrefixLen <= d.RequestSize, $"{where}: PrefixLen must be in 0..RequestSize ({d.RequestSize}), got {d.PrefixLen}");
            return;
        }

        Validate(d.Input, $"{where}: Input");
        Validate(d.Output, $"{where}: Output");
    }

    /// <summary>Refuses a length distribution outside the reference's rules, naming <paramref name="where"/>.</summary>
    internal static void Validate(LengthDistribution? length, string where)
    {
        Check(length is not null, $"{where} is not set");
        Check(length!.MinValue is >= 1 and <= Limit, $"{where}.MinValue must be in 1..{Limit}, got {length.MinValue}");
        Check(length.MaxValue is >= 1 and <= Limit, $"{where}.MaxValue must be in 1..{Limit}, got {length.MaxValue}");
        Check(length.MinValue <= length.MaxValue, $"{where}.MinValue ({length.MinValue}) must not exceed MaxValue ({length.MaxValue})");
        switch (length)
        {
            case GaussianLength g:
                Check(double.IsFinite(g.Mean), $"{where}.Mean must be a finite number, got {Show(g.Mean)}");
                Check(double.IsFinite(g.Var) && g.Var >= 0, $"{where}.Var must be >= 0, got {Show(g.Var)}");
                break;
            case ZipfLength z:
                Check(z.Alpha > 1.0 && z.Alpha <= 10.0, $"{where}.Alpha must be in (1, 10], got {Show(z.Alpha)}");
                break;
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new DatasetException(message);
        }
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
