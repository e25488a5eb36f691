using System;
using System.Collections.Generic;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// The <c>Metaspace</c> pre-tokenizer (SentencePiece style): spaces become <see cref="Replacement"/>, which is also
/// prepended (always, or with prepend_scheme "first" only to the piece at the start of the text) unless the piece
/// already starts with it; with <c>split</c> the piece is cut before each replacement. It changes the text, so the
/// tokenizer applies it through <see cref="Rewrite"/>; <see cref="Segment"/> cuts the rewritten text.
/// </summary>
internal sealed class MetaspaceStep(char replacement, MetaspacePrepend prepend, bool split) : PreTokenizerStep
{
    public char Replacement { get; } = replacement;

    /// <summary>The piece with spaces replaced and the replacement prepended as the scheme says.</summary>
    public string Rewrite(ReadOnlySpan<char> piece, bool atStart)
    {
        var text = piece.ToString().Replace(' ', Replacement);
        var add = prepend == MetaspacePrepend.Always || (prepend == MetaspacePrepend.First && atStart);
        return add && (text.Length == 0 || text[0] != Replacement) ? Replacement + text : text;
    }

    public override void Segment(ReadOnlySpan<char> piece, List<(int Start, int Length)> output)
    {
        if (!split)
        {
            output.Add((0, piece.Length));
            return;
        }

        var start = 0;
        for (var i = 1; i < piece.Length; i++)
        {
            if (piece[i] == Replacement)
            {
                output.Add((start, i - start));
                start = i;
            }
        }

        output.Add((start, piece.Length - start));
    }
}
