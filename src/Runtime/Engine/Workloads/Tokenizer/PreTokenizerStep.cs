using System;
using System.Collections.Generic;

namespace PodBench.Runtime.Workloads;

/// <summary>One step of a tokenizer.json <c>pre_tokenizer</c>: cuts a piece of text into smaller pieces.</summary>
internal abstract class PreTokenizerStep
{
    /// <summary>Appends the (start, length) of each sub-piece of <paramref name="piece"/>, in order.</summary>
    public abstract void Segment(ReadOnlySpan<char> piece, List<(int Start, int Length)> output);
}
