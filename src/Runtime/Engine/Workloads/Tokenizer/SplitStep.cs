using System;
using System.Collections.Generic;

namespace PodBench.Runtime.Workloads;

/// <summary>The <c>Split</c> pre-tokenizer (also used for ByteLevel's own regex): cuts at the matches of a pattern.</summary>
internal sealed class SplitStep : PreTokenizerStep
{
    [ThreadStatic]
    private static List<(int Start, int End)>? t_matches;

    private readonly UnicodeRegex _regex;
    private readonly SplitBehavior _behavior;
    private readonly bool _invert;

    public SplitStep(string pattern, SplitBehavior behavior, bool invert)
    {
        _regex = new UnicodeRegex(pattern);
        _behavior = behavior;
        _invert = invert;
    }

    /// <summary>GPT-2's pattern, used by the ByteLevel pre-tokenizer when <c>use_regex</c> is true.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public override void Segment(ReadOnlySpan<char> piece, List<(int Start, int Length)> output)
    {
        if (piece.Length == 1 && _behavior == SplitBehavior.Isolated)
        {
            // One character is one piece whether it matches or not: skip the regex (DeepSeek cuts digits first, so
            // this is common).
            output.Add((0, 1));
            return;
        }

        var matches = t_matches ??= new List<(int Start, int End)>();
        matches.Clear();
        _regex.Matches(piece, matches);
        var pendingStart = -1;
        var previousWasMatch = false;
        var position = 0;
        for (var i = 0; i <= matches.Count; i++)
        {
            var (matchStart, matchEnd) = i < matches.Count ? matches[i] : (piece.Length, piece.Length);
            if (matchStart > position)
            {
                Emit(position, matchStart, _invert, output, ref pendingStart, ref previousWasMatch);
            }

            if (matchEnd > matchStart)
            {
                Emit(matchStart, matchEnd, !_invert, output, ref pendingStart, ref previousWasMatch);
            }

            position = matchEnd;
        }

        if (pendingStart >= 0)
        {
            output.Add((pendingStart, piece.Length - pendingStart));
        }
    }

    private void Emit(int start, int end, bool isDelimiter, List<(int Start, int Length)> output, ref int pendingStart, ref bool previousWasMatch)
    {
        switch (_behavior)
        {
            case SplitBehavior.Removed:
                if (!isDelimiter)
                {
                    output.Add((start, end - start));
                }

                break;
            case SplitBehavior.Isolated:
                output.Add((start, end - start));
                break;
            case SplitBehavior.MergedWithPrevious:
                if (isDelimiter && !previousWasMatch && output.Count > 0 && output[^1].Start + output[^1].Length == start)
                {
                    output[^1] = (output[^1].Start, end - output[^1].Start);
                }
                else
                {
                    output.Add((start, end - start));
                }

                break;
            case SplitBehavior.MergedWithNext:
                if (isDelimiter)
                {
                    if (pendingStart < 0)
                    {
                        pendingStart = start;
                    }
                    else
                    {
                        output.Add((pendingStart, start - pendingStart));
                        pendingStart = start;
                    }
                }
                else if (pendingStart >= 0)
                {
                    output.Add((pendingStart, end - pendingStart));
                    pendingStart = -1;
                }
                else
                {
                    output.Add((start, end - start));
                }

                break;
            case SplitBehavior.Contiguous:
                if (isDelimiter && previousWasMatch && output.Count > 0)
                {
                    output[^1] = (output[^1].Start, end - output[^1].Start);
                }
                else
                {
                    output.Add((start, end - start));
                }

                break;
        }

        previousWasMatch = isDelimiter;
    }
}
