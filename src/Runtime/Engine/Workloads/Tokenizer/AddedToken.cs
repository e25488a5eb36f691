namespace PodBench.Runtime.Workloads;

/// <summary>One entry of <c>added_tokens</c> in tokenizer.json: matched in the raw text before the BPE model runs.</summary>
internal sealed record AddedToken(int Id, string Content, bool Special, bool LStrip, bool RStrip, bool SingleWord);
