namespace PodBench.Dsl;

/// <summary>
/// A JSONL file of prompts, one object per line: <c>{"prompt": "...", "output_len": 128}</c>. <c>output_len</c> is
/// optional; it is the request's <c>max_tokens</c>, else the endpoint's <c>MaxOutLen</c>. Other members are ignored.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
/// <param name="Path">The JSONL file; relative paths are resolved against the plan project folder.</param>
public sealed record PromptJsonlDataset(string Abbr, string Path) : PromptFileDataset(Abbr, Path);
