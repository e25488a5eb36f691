using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Unicode NFC (canonical decomposition, canonical ordering, canonical composition). Needed because
/// <see cref="string.Normalize()"/> is a no-op under invariant globalization, which this project uses.
/// </summary>
internal static class Nfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(Tables.Build);

    /// <summary>The NFC form of <paramref name="text"/>; the same instance when it is already NFC.</summary>
    public static string Normalize(string text) => IsQuickYes(text) ? text : Compose(text);

    /// <summary>True when <paramref name="text"/> has no character near which NFC could change anything.</summary>
    public static bool IsQuickYes(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= 0x300 && (char.IsSurrogate(c) || Data.Value.MaybeChangedBmp[c]))
            {
                return IsQuickYesSlow(text);
            }
        }

        return true;
    }

    private static bool IsQuickYesSlow(ReadOnlySpan<char> text)
    {
        var tables = Data.Value;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x300)
            {
                continue;
            }

            if (!char.IsSurrogate(c))
            {
                if (tables.MaybeChangedBmp[c])
                {
                    return false;
                }

                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (tables.MaybeChangedSupplementary.Contains(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    private static string Compose(string text)
    {
        var tables = Data.Value;
        var cps = new List<int>(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, cps, tables);
        }

        Reorder(cps, tables);
        ComposeInPlace(cps, tables);
        var sb = new StringBuilder(text.Length);
        foreach (var cp in cps)
        {
            sb.Append(char.ConvertFromUtf32(cp));
        }

        return sb.ToString();
    }

    private static void Decompose(int cp, List<int> output, Tables tables)
    {
        if (cp >= SBase && cp < SBase + SCount)
        {
            var s = cp - SBase;
            output.Add(LBase + (s / NCount));
            output.Add(VBase + (s % NCount / TCount));
            if (s % TCount != 0)
            {
                output.Add(TBase + (s % TCount));
            }

            return;
        }

        if (tables.Decompositions.TryGetValue(cp, out var parts))
        {
            output.AddRange(parts);
        }
        else
        {
            output.Add(cp);
        }
    }

    private static void Reorder(List<int> cps, Tables tables)
    {
        // Stable insertion sort of each run of non-starters by combining class.
        for (var i = 1; i < cps.Count; i++)
        {
            var ccc = tables.Ccc(cps[i]);
            if (ccc == 0)
            {
                continue;
            }

            var j = i;
            var cp = cps[i];
            while (j > 0 && tables.Ccc(cps[j - 1]) > ccc)
            {
                cps[j] = cps[j - 1];
                j--;
            }

            cps[j] = cp;
        }
    }

    private static void ComposeInPlace(List<int> cps, Tables tables)
    {
        if (cps.Count == 0)
        {
            return;
        }

        var starter = tables.Ccc(cps[0]) == 0 ? 0 : -1;
        var lastCcc = starter == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < cps.Count; read++)
        {
            var cp = cps[read];
            var ccc = tables.Ccc(cp);
            var blocked = starter < 0 || (write - 1 != starter && (lastCcc == 0 || lastCcc >= ccc));
            if (!blocked && TryCompose(cps[starter], cp, tables, out var composite))
            {
                cps[starter] = composite;
                continue;
            }

            if (ccc == 0)
            {
                starter = write;
            }

            lastCcc = ccc;
            cps[write++] = cp;
        }

        cps.RemoveRange(write, cps.Count - write);
    }

    private static bool TryCompose(int first, int second, Tables tables, out int composite)
    {
        if (first >= LBase && first < LBase + LCount && second >= VBase && second < VBase + VCount)
        {
            composite = SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
            return true;
        }

        if (first >= SBase && first < SBase + SCount && (first - SBase) % TCount == 0 && second > TBase && second < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }

        return tables.Compositions.TryGetValue(((long)first << 32) | (uint)second, out composite);
    }

    private sealed class Tables
    {
        public Dictionary<int, int> CombiningClasses { get; } = new();

        public Dictionary<int, int[]> Decompositions { get; } = new();

        public Dictionary<long, int> Compositions { get; } = new();

        public bool[] MaybeChangedBmp { get; } = new bool[0x10000];

        public HashSet<int> MaybeChangedSupplementary { get; } = new();

        public int Ccc(int cp) => CombiningClasses.TryGetValue(cp, out var ccc) ? ccc : 0;

        public static Tables Build()
        {
            var t = new Tables();
            foreach (var (key, value) in Entries(NfcData.CombiningClasses))
            {
                t.CombiningClasses[Hex(key)] = Hex(value);
            }

            foreach (var (key, value) in Entries(NfcData.Decompositions))
            {
                t.Decompositions[Hex(key)] = Array.ConvertAll(value.Split(','), Hex);
            }

            foreach (var (key, value) in Entries(NfcData.Compositions))
            {
                var pair = key.Split(',');
                t.Compositions[((long)Hex(pair[0]) << 32) | (uint)Hex(pair[1])] = Hex(value);
            }

            foreach (var range in NfcData.MaybeChanged.Split(';'))
            {
                var bounds = range.Split('-');
                Mark(t, Hex(bounds[0]), Hex(bounds[1]));
            }

            // Hangul vowel and trailing jamo compose with a preceding syllable part (algorithmic, not in the data).
            Mark(t, VBase, VBase + VCount - 1);
            Mark(t, TBase + 1, TBase + TCount - 1);
            return t;
        }

        private static void Mark(Tables t, int first, int last)
        {
            for (var cp = first; cp <= last; cp++)
            {
                if (cp < 0x10000)
                {
                    t.MaybeChangedBmp[cp] = true;
                }
                else
                {
                    t.MaybeChangedSupplementary.Add(cp);
                }
            }
        }

        private static IEnumerable<(string Key, string Value)> Entries(string data)
        {
            foreach (var entry in data.Split(';'))
            {
                var colon = entry.IndexOf(':');
                yield return (entry[..colon], entry[(colon + 1)..]);
            }
        }

        private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
