using System;
using System.Globalization;

namespace PodBench.Dsl;

/// <summary>A statistic of a per-request metric: Average, Min, Max, Median or P1..P99.</summary>
public readonly record struct Statistic
{
    private Statistic(string name) => Name = name;

    /// <summary>The reference's name of the statistic (e.g. <c>P99</c>).</summary>
    public string Name { get; }

    /// <summary>The mean.</summary>
    public static Statistic Average => new("Average");

    /// <summary>The smallest value.</summary>
    public static Statistic Min => new("Min");

    /// <summary>The largest value.</summary>
    public static Statistic Max => new("Max");

    /// <summary>The 50th percentile.</summary>
    public static Statistic Median => new("Median");

    /// <summary>The 75th percentile.</summary>
    public static Statistic P75 => new("P75");

    /// <summary>The 90th percentile.</summary>
    public static Statistic P90 => new("P90");

    /// <summary>The 99th percentile.</summary>
    public static Statistic P99 => new("P99");

    /// <summary>The <paramref name="percentile"/>th percentile, 1..99 (linear interpolation, numpy's default).</summary>
    public static Statistic P(int percentile) => new("P" + percentile.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses a reference name (Average, Min, Max, Median, P1..P99); throws on anything else.</summary>
    public static Statistic Parse(string name) => TryParse(name, out var s) ? s : throw new FormatException($"'{name}' is not a statistic: use Average, Min, Max, Median or P1..P99.");

    /// <summary>Parses a reference name; false on anything else.</summary>
    public static bool TryParse(string name, out Statistic statistic)
    {
        statistic = default;
        if (name is "Average" or "Min" or "Max" or "Median")
        {
            statistic = new Statistic(name);
            return true;
        }

        if (name.Length >= 2 && name[0] == 'P' && int.TryParse(name.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 99)
        {
            statistic = P(p);
            return true;
        }

        return false;
    }

    /// <summary>The percentile (0..100) this statistic selects, or null for Average.</summary>
    public double? Percentile => Name switch
    {
        "Average" => null,
        "Min" => 0,
        "Max" => 100,
        "Median" => 50,
        _ => double.Parse(Name.Substring(1), CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
