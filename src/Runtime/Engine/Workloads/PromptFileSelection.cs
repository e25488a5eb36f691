using System;
using System.Collections.Generic;
using System.Globalization;
using PodBench.Dsl;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Applies a <see cref="PromptFileDataset"/>'s length filters and draw to the entries of its file. With a
/// <see cref="PromptFileDataset.SampleCount"/> the entries are shuffled with the seed and measured in that order until
/// enough are kept, as vLLM does, so a large file is not tokenized whole; without one every entry is measured and
/// the kept ones go in file order.
/// </summary>
internal static class PromptFileSelection
{
    public static IReadOnlyList<PromptRow> Select(PromptFileDataset dataset, IReadOnlyList<PromptFileEntry> entries, int skipped, ITokenCounter? tokenizer, Action<string>? notice)
    {
        Validate(dataset);
        var order = new int[entries.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (dataset.SampleCount is not null)
        {
            var random = new SeededRandom(dataset.Seed);
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        var wanted = dataset.SampleCount ?? int.MaxValue;
        var kept = new List<PromptRow>();
        var filtered = 0;
        foreach (var index in order)
        {
            if (kept.Count == wanted)
            {
                break;
            }

            var entry = entries[index];
            var outputLen = dataset.OutputLen ?? entry.OutputLen ?? (entry.Completion is { } c ? Count(c, tokenizer) : null);
            if (Keep(dataset, Count(entry.Prompt, tokenizer), outputLen))
            {
                kept.Add(new PromptRow(kept.Count, entry.Prompt, outputLen, null, entry.DataId) { Session = Session(dataset, entry, tokenizer), Tools = entry.Tools });
            }
            else
            {
                filtered++;
            }
        }

        var unit = tokenizer is null ? "words" : "tokens";
        if (kept.Count < wanted && dataset.SampleCount is { } count)
        {
            throw new DatasetException($"dataset \"{dataset.Abbr}\": SampleCount is {count}, but only {kept.Count} of the {entries.Count} entries of {dataset.Path} pass the length filters (lengths in {unit})");
        }

        if (kept.Count == 0)
        {
            throw new DatasetException($"dataset \"{dataset.Abbr}\": none of the {entries.Count} entries of {dataset.Path} passes the length filters (lengths in {unit})");
        }

        notice?.Invoke($"dataset \"{dataset.Abbr}\": {kept.Count} of {entries.Count + skipped} entries"
            + (skipped > 0 ? $", {skipped} without a human turn followed by a model turn" : string.Empty)
            + (filtered > 0 ? $", {filtered} outside the length filters (in {unit})" : string.Empty)
            + (dataset.SampleCount is not null ? $", drawn with seed {dataset.Seed.ToString(CultureInfo.InvariantCulture)}" : string.Empty));
        return kept;
    }

    /// <summary>The length of <paramref name="text"/>: tokens by the endpoint's tokenizer, else whitespace-separated words.</summary>
    internal static int Count(string text, ITokenCounter? tokenizer)
    {
        if (tokenizer is not null)
        {
            return tokenizer.CountTokens(text);
        }

        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        return words;
    }

    private static bool Keep(PromptFileDataset d, int promptLen, int? outputLen)
    {
        if (promptLen < Math.Max(1, d.MinPromptLen ?? 1) || promptLen > (d.MaxPromptLen ?? int.MaxValue))
        {
            return false;
        }

        if (d.OutputLen is not null || outputLen is not { } output)
        {
            return true;
        }

        // A reference answer of no tokens cannot be a max_tokens.
        return output >= Math.Max(1, d.MinOutputLen ?? 1) && output <= (d.MaxOutputLen ?? int.MaxValue);
    }

    private static void Validate(PromptFileDataset d)
    {
        var where = $"dataset \"{d.Abbr}\"";
        DatasetChecks.Counts(d.Abbr, ("MinPromptLen", d.MinPromptLen), ("MaxPromptLen", d.MaxPromptLen), ("MinOutputLen", d.MinOutputLen), ("MaxOutputLen", d.MaxOutputLen), ("OutputLen", d.OutputLen), ("SampleCount", d.SampleCount));

        if (d.MinPromptLen > d.MaxPromptLen)
        {
            throw new DatasetException($"{where}: MinPromptLen ({d.MinPromptLen}) must not exceed MaxPromptLen ({d.MaxPromptLen})");
        }

        if (d.MinOutputLen > d.MaxOutputLen)
        {
            throw new DatasetException($"{where}: MinOutputLen ({d.MinOutputLen}) must not exceed MaxOutputLen ({d.MaxOutputLen})");
        }
    }

    /// <summary>The later turns of a ShareGPT or MT-Bench entry sent as a multi-turn session, or null.</summary>
    private static Conversation? Session(PromptFileDataset dataset, PromptFileEntry entry, ITokenCounter? tokenizer)
    {
        TimeSpan think;
        if (dataset is ShareGptDataset { MultiTurn: true } chat)
        {
            think = chat.ThinkTime;
        }
        else if (dataset is MtBenchDataset mtBench)
        {
            think = mtBench.ThinkTime;
        }
        else
        {
            return null;
        }

        if (entry.LaterTurns.Count == 0)
        {
            return null;
        }

        var turns = new List<ConversationTurn>(entry.LaterTurns.Count);
        foreach (var (prompt, completion) in entry.LaterTurns)
        {
            turns.Add(new ConversationTurn(prompt, dataset.OutputLen ?? (completion is null ? null : Math.Max(1, Count(completion, tokenizer)))));
        }

        return new Conversation(turns, think);
    }
}
