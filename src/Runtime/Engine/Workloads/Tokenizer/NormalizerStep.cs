namespace PodBench.Runtime.Workloads;

/// <summary>One normalizer of a tokenizer.json: its kind, the text it prepends or looks for, and the replacement.</summary>
internal sealed record NormalizerStep(NormalizerKind Kind, string Text = "", string Content = "");
