namespace PodBench.Runtime.Workloads;

/// <summary>What a <c>Split</c> pre-tokenizer does with the matches of its pattern (tokenizers' <c>SplitDelimiterBehavior</c>).</summary>
internal enum SplitBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}
