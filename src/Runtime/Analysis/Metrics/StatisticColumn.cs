using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Metrics;

/// <summary>One statistic column: its name as written and what it selects.</summary>
internal sealed record StatisticColumn(string Name, StatisticKind Kind, int Percentile)
{
    private static readonly Regex PercentilePattern = new("^P(0*[1-9]\\d{0,1})$", RegexOptions.CultureInvariant);

    /// <summary>The reference's <c>_validate_stats_list</c>: first 8, unknown names dropped, Average when none remain.</summary>
    public static IReadOnlyList<StatisticColumn> Parse(IReadOnlyList<string> names)
    {
        var list = new List<StatisticColumn>();
        for (var i = 0; i < names.Count && i < 8; i++)
        {
            var name = names[i];
            switch (name)
            {
                case "Average":
                    list.Add(new StatisticColumn(name, StatisticKind.Average, 0));
                    break;
                case "Min":
                    list.Add(new StatisticColumn(name, StatisticKind.Min, 0));
                    break;
                case "Max":
                    list.Add(new StatisticColumn(name, StatisticKind.Max, 0));
                    break;
                case "Median":
                    list.Add(new StatisticColumn(name, StatisticKind.Percentile, 50));
                    break;
                default:
                    var m = name is null ? null : PercentilePattern.Match(name);
                    if (m is { Success: true })
                    {
                        list.Add(new StatisticColumn(name!, StatisticKind.Percentile, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
                    }

                    break;
            }
        }

        if (list.Count == 0)
        {
            list.Add(new StatisticColumn("Average", StatisticKind.Average, 0));
        }

        return list;
    }
}
