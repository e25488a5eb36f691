using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Turns a plan's <see cref="Dataset"/> into the prompts to send. Everything is read and checked here, before any
/// request goes out; problems raise <see cref="DatasetException"/>.
/// </summary>
public static class DatasetLoader
{
    /// <summary>
    /// The rows of <paramref name="dataset"/> for <paramref name="model"/>.
    /// </summary>
    /// <param name="dataset">A synthetic, custom QA, trace, ShareGPT, prompt JSONL, shared-prefix or multi-turn dataset.</param>
    /// <param name="model">The endpoint; its <see cref="ModelEndpoint.TokenizerPath"/> serves token-id datasets.</param>
    /// <param name="baseDirectory">Relative dataset and tokenizer paths are resolved against it (the plan project folder).</param>
    /// <param name="tokenizer">The endpoint's tokenizer if already loaded; otherwise token-id datasets load it from <see cref="ModelEndpoint.TokenizerPath"/>.</param>
    /// <param name="numPrompts">Only the first N rows (reference: <c>--num-prompts</c>); null for all. The whole file is still checked.</param>
    public static IReadOnlyList<PromptRow> Load(Dataset dataset, ModelEndpoint model, string baseDirectory, HfTokenizer? tokenizer, int? numPrompts) =>
        Load(dataset, model, baseDirectory, tokenizer, numPrompts, null);

    /// <summary>
    /// As <see cref="Load(Dataset, ModelEndpoint, string, HfTokenizer?, int?)"/>; <paramref name="notice"/> hears what a
    /// prompt file's filters and draw kept, and <paramref name="run"/> (the run's name) salts the prompts of a synthetic
    /// dataset with <see cref="SyntheticDataset.DistinctPrompts"/>.
    /// </summary>
    public static IReadOnlyList<PromptRow> Load(Dataset dataset, ModelEndpoint model, string baseDirectory, HfTokenizer? tokenizer, int? numPrompts, Action<string>? notice, string run = "")
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        if (numPrompts is < 1)
        {
            throw new DatasetException($"dataset \"{dataset.Abbr}\": the number of prompts must be at least 1, got {numPrompts}");
        }

        if (dataset is CustomQaDataset { MaxOutLen: < 1 } bad)
        {
            throw new DatasetException($"dataset \"{bad.Abbr}\": MaxOutLen must be at least 1, got {bad.MaxOutLen}");
        }

        if (dataset is MtBenchDataset { ThinkTime.Ticks: < 0 } sessions)
        {
            throw new DatasetException($"dataset \"{sessions.Abbr}\": ThinkTime must not be negative, got {sessions.ThinkTime}");
        }

        IReadOnlyList<PromptRow> rows = dataset switch
        {
            SyntheticDataset s => SyntheticGenerator.Generate(s, () => tokenizer ?? LoadTokenizer(s, model, baseDirectory), Math.Min(s.RequestCount, numPrompts ?? int.MaxValue)),
            CustomQaDataset q => CustomQaReader.Read(ReadFile(q.Abbr, q.Path, baseDirectory), q.Path, q.Kind, q.MaxOutLen),
            TraceDataset t => TraceReader.Read(ReadFile(t.Abbr, t.Path, baseDirectory), t.Path),
            SharedPrefixDataset sp => SharedPrefixGenerator.Generate(sp),
            MultiTurnDataset mt => ConversationGenerator.Generate(mt),
            ShareGptDataset g => ShareGpt(g, ReadFile(g.Abbr, g.Path, baseDirectory), tokenizer, notice),
            PromptJsonlDataset p => PromptFileSelection.Select(p, PromptJsonlReader.Read(ReadFile(p.Abbr, p.Path, baseDirectory), p.Path), 0, tokenizer, notice),
            MtBenchDataset b => PromptFileSelection.Select(b, MtBenchReader.Read(ReadFile(b.Abbr, b.Path, baseDirectory), b.Path), 0, tokenizer, notice),
            FunctionCallDataset f => PromptFileSelection.Select(f, FunctionCallReader.Read(ReadFile(f.Abbr, f.Path, baseDirectory), f.Path), 0, tokenizer, notice),
            _ => throw new DatasetException($"dataset \"{dataset.Abbr}\": {dataset.GetType().Name} is not a known dataset kind"),
        };

        if (!PodBench.Shared.PlanApis.IsChat((int)model.Api) && rows.Any(r => r.Session is not null))
        {
            throw new DatasetException($"dataset \"{dataset.Abbr}\" has multi-turn sessions, which carry their history as chat messages: model \"{model.Abbr}\" must be a chat endpoint (ModelEndpoint.StreamChat or Chat), not {model.Api}");
        }

        if (model.Api is not (ApiKind.StreamChat or ApiKind.Chat) && rows.Any(r => r.Tools is not null))
        {
            throw new DatasetException($"dataset \"{dataset.Abbr}\" carries tools, which only the chat API sends: model \"{model.Abbr}\" must be a chat endpoint (ModelEndpoint.FunctionCallChat, StreamChat or Chat), not {model.Api}");
        }

        if (dataset is SyntheticDataset { DistinctPrompts: true, Kind: SyntheticKind.String })
        {
            rows = PromptSalt.Apply(rows, run, dataset.Abbr);
        }

        return numPrompts is { } n && n < rows.Count ? rows.Take(n).ToArray() : rows;
    }

    private static IReadOnlyList<PromptRow> ShareGpt(ShareGptDataset dataset, ReadOnlyMemory<byte> content, HfTokenizer? tokenizer, Action<string>? notice)
    {
        if (dataset.ThinkTime < TimeSpan.Zero)
        {
            throw new DatasetException($"dataset \"{dataset.Abbr}\": ThinkTime must not be negative, got {dataset.ThinkTime}");
        }

        var (entries, withoutPair) = ShareGptReader.Read(content, dataset.Path);
        return PromptFileSelection.Select(dataset, entries, withoutPair, tokenizer, notice);
    }

    private static ReadOnlyMemory<byte> ReadFile(string abbr, string path, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new DatasetException($"dataset \"{abbr}\": Path is empty");
        }

        var full = Path.GetFullPath(path, Path.GetFullPath(baseDirectory));
        try
        {
            return File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var what = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw new DatasetException($"{path}: {what} (dataset \"{abbr}\", looked at {full})", e);
        }
    }

    private static HfTokenizer LoadTokenizer(SyntheticDataset dataset, ModelEndpoint model, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(model.TokenizerPath))
        {
            throw new DatasetException($"dataset \"{dataset.Abbr}\" generates token ids and needs a tokenizer, but model \"{model.Abbr}\" has no TokenizerPath");
        }

        try
        {
            return HfTokenizer.Load(Path.GetFullPath(model.TokenizerPath, Path.GetFullPath(baseDirectory)));
        }
        catch (TokenizerException e)
        {
            throw new DatasetException($"dataset \"{dataset.Abbr}\" needs the tokenizer of model \"{model.Abbr}\": {e.Message}", e);
        }
    }
}
