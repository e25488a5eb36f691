using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// A .NET <see cref="Regex"/> that matches code points, as the Rust regex engines of Hugging Face tokenizers do.
/// .NET matches UTF-16 units, so a supplementary character (emoji, 𝐀, 𠀀) would be two <c>Cs</c> units that
/// <c>\p{L}</c> or <c>\p{S}</c> never match. Text with surrogates is therefore matched through a stand-in string in
/// which each supplementary character becomes one BMP character of the same general category.
/// </summary>
internal sealed class UnicodeRegex
{
    private static readonly char[] StandIns = BuildStandIns();
    private readonly Regex _regex;

    public UnicodeRegex(string pattern)
    {
        _regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    /// <summary>Appends the (start, end) of each non-empty match in <paramref name="text"/>.</summary>
    public void Matches(ReadOnlySpan<char> text, List<(int Start, int End)> output)
    {
        if (text.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            foreach (var m in _regex.EnumerateMatches(text))
            {
                if (m.Length > 0)
                {
                    output.Add((m.Index, m.Index + m.Length));
                }
            }

            return;
        }

        var standIn = ArrayPool<char>.Shared.Rent(text.Length);
        var origin = ArrayPool<int>.Shared.Rent(text.Length + 1);
        try
        {
            var n = 0;
            for (var i = 0; i < text.Length; i++)
            {
                origin[n] = i;
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    var rune = new Rune(text[i], text[i + 1]);
                    standIn[n++] = StandIns[(int)Rune.GetUnicodeCategory(rune)];
                    i++;
                }
                else
                {
                    standIn[n++] = text[i];
                }
            }

            origin[n] = text.Length;
            foreach (var m in _regex.EnumerateMatches(standIn.AsSpan(0, n)))
            {
                if (m.Length > 0)
                {
                    output.Add((origin[m.Index], origin[m.Index + m.Length]));
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(standIn);
            ArrayPool<int>.Shared.Return(origin);
        }
    }

    // One BMP character per general category, outside ASCII and the CJK/kana ranges that tokenizer patterns name.
    private static char[] BuildStandIns()
    {
        var map = new char[(int)UnicodeCategory.OtherNotAssigned + 1];
        map[(int)UnicodeCategory.UppercaseLetter] = '\u03A9';
        map[(int)UnicodeCategory.LowercaseLetter] = '\u03C9';
        map[(int)UnicodeCategory.TitlecaseLetter] = '\u01C5';
        map[(int)UnicodeCategory.ModifierLetter] = '\u02B0';
        map[(int)UnicodeCategory.OtherLetter] = '\u0E01';
        map[(int)UnicodeCategory.NonSpacingMark] = '\u0300';
        map[(int)UnicodeCategory.SpacingCombiningMark] = '\u0903';
        map[(int)UnicodeCategory.EnclosingMark] = '\u20DD';
        map[(int)UnicodeCategory.DecimalDigitNumber] = '\u0660';
        map[(int)UnicodeCategory.LetterNumber] = '\u2160';
        map[(int)UnicodeCategory.OtherNumber] = '\u00B2';
        map[(int)UnicodeCategory.SpaceSeparator] = '\u2000';
        map[(int)UnicodeCategory.LineSeparator] = '\u2028';
        map[(int)UnicodeCategory.ParagraphSeparator] = '\u2029';
        map[(int)UnicodeCategory.Control] = '\u0085';
        map[(int)UnicodeCategory.Format] = '\u00AD';
        map[(int)UnicodeCategory.Surrogate] = '\uD800';
        map[(int)UnicodeCategory.PrivateUse] = '\uE000';
        map[(int)UnicodeCategory.ConnectorPunctuation] = '\u203F';
        map[(int)UnicodeCategory.DashPunctuation] = '\u2010';
        map[(int)UnicodeCategory.OpenPunctuation] = '\u2045';
        map[(int)UnicodeCategory.ClosePunctuation] = '\u2046';
        map[(int)UnicodeCategory.InitialQuotePunctuation] = '\u2039';
        map[(int)UnicodeCategory.FinalQuotePunctuation] = '\u203A';
        map[(int)UnicodeCategory.OtherPunctuation] = '\u00B6';
        map[(int)UnicodeCategory.MathSymbol] = '\u2200';
        map[(int)UnicodeCategory.CurrencySymbol] = '\u20A0';
        map[(int)UnicodeCategory.ModifierSymbol] = '\u02C2';
        map[(int)UnicodeCategory.OtherSymbol] = '\u00A9';
        map[(int)UnicodeCategory.OtherNotAssigned] = '\u0378';
        return map;
    }

    /// <summary>The stand-in of each category (exposed for a test that checks each has its category).</summary>
    internal static IReadOnlyList<char> StandInCharacters => StandIns;
}
