using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// <see cref="Dsl.SyntheticDataset.DistinctPrompts"/>: the first word of each prompt becomes a salt of 8 letters
/// (a-p) from SHA-256 of the run, the dataset and the row, so no two requests of a run share a first token and no run
/// repeats another's prompts, while the word count stays the same.
/// </summary>
internal static class PromptSalt
{
    public static IReadOnlyList<PromptRow> Apply(IReadOnlyList<PromptRow> rows, string run, string dataset)
    {
        var salted = new PromptRow[rows.Count];
        Span<byte> hash = stackalloc byte[32];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            SHA256.HashData(Encoding.UTF8.GetBytes($"{run}\n{dataset}\n{row.Id}"), hash);
            var salt = string.Create(8, hash[..4].ToArray(), static (span, bytes) =>
            {
                for (var j = 0; j < 4; j++)
                {
                    span[2 * j] = (char)('a' + (bytes[j] >> 4));
                    span[(2 * j) + 1] = (char)('a' + (bytes[j] & 0xF));
                }
            });
            var space = row.Prompt.IndexOf(' ', StringComparison.Ordinal);
            salted[i] = row with { Prompt = space < 0 ? salt : salt + row.Prompt[space..] };
        }

        return salted;
    }

    /// <summary>The console and report warning for <paramref name="repeated"/> of <paramref name="rows"/> prompts repeated.</summary>
    public static string RepeatWarning(long repeated, long? rows, string dataset) =>
        $"{repeated}{(rows is { } n ? $" of {n}" : "")} requests of dataset \"{dataset}\" repeat a prompt sent before: a server with a prefix cache (vLLM by default, llama.cpp's prompt cache) answers them faster than real traffic; set DistinctPrompts = true on a synthetic dataset, or use real prompts (ShareGptDataset), for prompts a cache cannot fake";

    /// <summary>How many rows repeat a prompt of an earlier row (the reference's synthetic prompts share one string per length).</summary>
    public static int Repeats(IReadOnlyList<PromptRow> rows)
    {
        var instances = new HashSet<string>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows)
        {
            instances.Add(row.Prompt);
        }

        return rows.Count - new HashSet<string>(instances, StringComparer.Ordinal).Count;
    }
}
