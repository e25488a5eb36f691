using System;
using System.Collections.Generic;
using System.Globalization;

namespace PodBench.Runtime.Workloads;

/// <summary>The <c>Digits</c> pre-tokenizer: numeric characters apart from the rest, one by one or in runs.</summary>
internal sealed class DigitsStep(bool individualDigits) : PreTokenizerStep
{
    public override void Segment(ReadOnlySpan<char> piece, List<(int Start, int Length)> output)
    {
        var start = 0;
        var previousNumeric = false;
        for (var i = 0; i < piece.Length; i++)
        {
            var numeric = IsNumeric(piece[i]);
            if (i > start && (numeric != previousNumeric || (numeric && individualDigits)))
            {
                output.Add((start, i - start));
                start = i;
            }

            previousNumeric = numeric;
        }

        if (piece.Length > start)
        {
            output.Add((start, piece.Length - start));
        }
    }

    private static bool IsNumeric(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}
