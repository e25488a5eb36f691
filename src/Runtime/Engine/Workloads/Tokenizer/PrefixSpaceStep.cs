using System;
using System.Collections.Generic;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// ByteLevel's <c>add_prefix_space</c>: a space before each piece that does not start with one. It changes the
/// text, so the tokenizer handles it itself; <see cref="Segment"/> is never called.
/// </summary>
internal sealed class PrefixSpaceStep : PreTokenizerStep
{
    public override void Segment(ReadOnlySpan<char> piece, List<(int Start, int Length)> output) =>
        throw new InvalidOperationException("The prefix space step rewrites the piece; the tokenizer applies it.");
}
