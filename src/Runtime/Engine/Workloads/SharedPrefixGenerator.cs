using System.Collections.Generic;
using System.Text;
using PodBench.Dsl;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Generates a <see cref="SharedPrefixDataset"/>: each group's prefix and each request's suffix are words drawn with
/// the seed from a list of short common English words (about one token each). Row ids follow the send order; the
/// data id names the group and the request within it (<c>g2-r5</c>).
/// </summary>
internal static class SharedPrefixGenerator
{
    private static readonly string[] Words =
    [
        "time", "year", "people", "way", "day", "man", "thing", "woman", "life", "child", "world", "school", "state", "family",
        "student", "group", "country", "problem", "hand", "part", "place", "case", "week", "company", "system", "program",
        "question", "work", "number", "night", "point", "home", "water", "room", "mother", "area", "money", "story", "fact",
        "month", "lot", "right", "study", "book", "eye", "job", "word", "business", "issue", "side", "kind", "head", "house",
        "service", "friend", "father", "power", "hour", "game", "line", "end", "member", "law", "car",
    ];

    public static IReadOnlyList<PromptRow> Generate(SharedPrefixDataset d)
    {
        Validate(d);
        var random = new SeededRandom(d.Seed);
        var prefixes = new string[d.Groups];
        for (var g = 0; g < d.Groups; g++)
        {
            prefixes[g] = Text(random, d.PrefixLen);
        }

        var prompts = new string[d.Groups, d.RequestsPerGroup];
        for (var g = 0; g < d.Groups; g++)
        {
            for (var r = 0; r < d.RequestsPerGroup; r++)
            {
                prompts[g, r] = prefixes[g] + " " + Text(random, d.SuffixLen);
            }
        }

        var rows = new List<PromptRow>(d.Groups * d.RequestsPerGroup);
        var grouped = d.Order == SharedPrefixOrder.Grouped;
        var (outer, inner) = grouped ? (d.Groups, d.RequestsPerGroup) : (d.RequestsPerGroup, d.Groups);
        for (var i = 0; i < outer; i++)
        {
            for (var j = 0; j < inner; j++)
            {
                var (g, r) = grouped ? (i, j) : (j, i);
                rows.Add(new PromptRow(rows.Count, prompts[g, r], d.OutputLen, null, $"g{g}-r{r}"));
            }
        }

        return rows;
    }

    /// <summary><paramref name="words"/> words drawn from the list with <paramref name="random"/>, separated by spaces.</summary>
    internal static string Text(SeededRandom random, int words)
    {
        var text = new StringBuilder(words * 6);
        for (var i = 0; i < words; i++)
        {
            text.Append(i == 0 ? "" : " ").Append(Words[random.NextInt(Words.Length)]);
        }

        return text.ToString();
    }

    private static void Validate(SharedPrefixDataset d)
    {
        var where = $"dataset \"{d.Abbr}\"";
        DatasetChecks.Counts(d.Abbr, ("Groups", d.Groups), ("RequestsPerGroup", d.RequestsPerGroup), ("PrefixLen", d.PrefixLen), ("SuffixLen", d.SuffixLen), ("OutputLen", d.OutputLen));
        if ((long)d.Groups * d.RequestsPerGroup > DatasetChecks.Limit)
        {
            throw new DatasetException($"{where}: Groups x RequestsPerGroup is {(long)d.Groups * d.RequestsPerGroup}, more than {DatasetChecks.Limit} requests");
        }

        if (!System.Enum.IsDefined(d.Order))
        {
            throw new DatasetException($"{where}: Order {(int)d.Order} is not Grouped or Interleaved");
        }
    }
}
