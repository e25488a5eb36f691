using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Finds added tokens in a text, leftmost first and longest at a position (the Hugging Face rule), honouring
/// <c>lstrip</c>/<c>rstrip</c> (the token absorbs neighbouring whitespace) and <c>single_word</c>.
/// </summary>
internal sealed class AddedTokenMatcher
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenMatcher(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens
            .Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>
    /// The next match at or after <paramref name="from"/>: the token and the span it covers in <paramref name="text"/>
    /// (whitespace absorbed by lstrip/rstrip included). False when there is none.
    /// </summary>
    public bool TryFindNext(string text, int from, out AddedToken token, out int start, out int end)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!_byFirstChar.TryGetValue(text[i], out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (string.CompareOrdinal(text, i, candidate.Content, 0, candidate.Content.Length) != 0)
                {
                    continue;
                }

                var matchEnd = i + candidate.Content.Length;
                if (candidate.SingleWord && !IsWordBoundary(text, i, matchEnd))
                {
                    continue;
                }

                token = candidate;
                start = i;
                end = matchEnd;
                if (candidate.LStrip)
                {
                    while (start > from && char.IsWhiteSpace(text[start - 1]))
                    {
                        start--;
                    }
                }

                if (candidate.RStrip)
                {
                    while (end < text.Length && char.IsWhiteSpace(text[end]))
                    {
                        end++;
                    }
                }

                return true;
            }
        }

        token = null!;
        start = end = -1;
        return false;
    }

    private static bool IsWordBoundary(string text, int start, int end)
    {
        var before = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
        var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
        return before && after;
    }
}
