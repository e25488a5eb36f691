using System.Globalization;

namespace PodBench.Shared;

/// <summary>
/// The pure rules a plan must satisfy, shared by the compiler (on values it can see in the code) and the runner
/// (on the live plan object), so both report the same ids with the same words.
/// </summary>
internal static class PlanRules
{
    /// <summary>The largest length, request count and request size (2^20), as in the reference.</summary>
    public const int MaxCount = 1 << 20;

    /// <summary>The most statistic columns a summary may have.</summary>
    public const int MaxStatistics = 8;

    /// <summary>The folder the merge writes to; no model may take its name.</summary>
    public const string ReservedAbbr = "merge_results";

    /// <summary>Why <paramref name="abbr"/> cannot name a file or folder, or null when it can.</summary>
    public static string? AbbrProblem(string? abbr)
    {
        if (abbr is null || abbr.Length == 0)
        {
            return "it is empty";
        }

        if (abbr[0] == '.')
        {
            return "it starts with '.'";
        }

        if (abbr == ReservedAbbr)
        {
            return "'" + ReservedAbbr + "' is the merge's folder";
        }

        foreach (var c in abbr)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!ok)
            {
                return "'" + Describe(c) + "' is not allowed (use letters, digits, '-', '_' and '.')";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="value"/> is a legal length, request count or request size (1 .. 2^20).</summary>
    public static bool InCountRange(double value) => value >= 1 && value <= MaxCount;

    /// <summary>The optional counts of a prompt file dataset (PB0028), each 1 .. 2^20 when set.</summary>
    public static readonly string[] PromptFileCounts = ["MinPromptLen", "MaxPromptLen", "MinOutputLen", "MaxOutputLen", "OutputLen", "SampleCount"];

    /// <summary>The (minimum, maximum) pairs of a prompt file dataset (PB0029).</summary>
    public static readonly (string Min, string Max)[] PromptFileBounds = [("MinPromptLen", "MaxPromptLen"), ("MinOutputLen", "MaxOutputLen")];

    /// <summary>The counts of a <c>MultiTurnDataset</c> and their largest legal values (PB0035).</summary>
    public static readonly (string Name, int Max)[] MultiTurnCounts = [("Sessions", MaxCount), ("Turns", MaxTurns)];

    /// <summary>The most turns of one multi-turn session.</summary>
    public const int MaxTurns = 1024;

    /// <summary>The longest scrape interval of <c>ServerMetrics</c>, seconds (PB0040).</summary>
    public const double MaxScrapeIntervalSeconds = 3600;

    /// <summary>True for a scrape interval of more than 0 s and at most an hour (PB0040).</summary>
    public static bool IsLegalScrapeInterval(double seconds) => seconds > 0 && seconds <= MaxScrapeIntervalSeconds;

    /// <summary>True for a metrics path from the server's root: a leading '/', no blank, query or fragment (PB0041).</summary>
    public static bool IsLegalMetricsPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && path.IndexOfAny([' ', '\t', '\r', '\n', '?', '#']) < 0;

    /// <summary>
    /// Why a sweep level is not legal (PB0044), or null: a concurrency level is a whole number from 1 to 1,000,000, a
    /// rate level a finite number of requests/s above 0 (<paramref name="rate"/>).
    /// </summary>
    public static string? SweepLevelProblem(bool rate, double level) => rate
        ? level > 0 && !double.IsInfinity(level) && !double.IsNaN(level) ? null : "a request rate is more than 0 requests/s"
        : level >= 1 && level <= MaxSweepConcurrency && System.Math.Floor(level) == level ? null : "a concurrency limit is a whole number from 1 to 1000000";

    /// <summary>The largest concurrency level of a sweep (PB0044).</summary>
    public const int MaxSweepConcurrency = 1_000_000;

    /// <summary>The goodput limits of <c>GoodputSlo</c> (PB0030).</summary>
    public static readonly string[] GoodputLimits = ["TtftMs", "TpotMs", "E2elMs"];

    /// <summary>True when a goodput limit of <paramref name="ms"/> can be met: finite and more than 0.</summary>
    public static bool IsLegalGoodputLimit(double ms) => ms > 0 && !double.IsInfinity(ms);

    /// <summary>True when a zipf exponent is in (1, 10].</summary>
    public static bool IsLegalZipfAlpha(double alpha) => alpha > 1 && alpha <= 10;

    /// <summary>True for Average, Min, Max, Median and P1..P99 (the names the reference accepts).</summary>
    public static bool IsLegalStatisticName(string? name)
    {
        if (name is null)
        {
            return false;
        }

        if (name is "Average" or "Min" or "Max" or "Median")
        {
            return true;
        }

        return name.Length >= 2 && name[0] == 'P'
            && int.TryParse(name.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            && IsLegalPercentile(p);
    }

    /// <summary>The longest HeaderTimeout or IdleTimeout, in seconds (1 day).</summary>
    public const double MaxWaitLimitSeconds = 86400;

    /// <summary>The model members that are wait limits (PB0027).</summary>
    public static readonly string[] WaitLimits = ["HeaderTimeout", "IdleTimeout"];

    /// <summary>True when a HeaderTimeout or IdleTimeout of <paramref name="seconds"/> is legal: more than 0, at most 1 day.</summary>
    public static bool IsLegalWaitLimit(double seconds) => seconds > 0 && seconds <= MaxWaitLimitSeconds;

    /// <summary>A duration in seconds as the messages show it (at most 3 decimals).</summary>
    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>True for a percentile a statistic may select, 1..99.</summary>
    public static bool IsLegalPercentile(double percentile) => percentile >= 1 && percentile <= 99;

    /// <summary>True for the rules that warn rather than fail (a literal API key, two identical pod groups).</summary>
    public static bool IsWarning(string id) => id is PlanRuleIds.LiteralApiKey or PlanRuleIds.DuplicatePodGroup or PlanRuleIds.ModelNameNotSent;

    /// <summary>Why <paramref name="name"/> is not a legal tool name (OpenAI: 1 to 64 of a-z, A-Z, 0-9, _ and -); null when it is.</summary>
    public static string? ToolNameProblem(string? name)
    {
        if (name is null || name.Length == 0 || name.Length > 64)
        {
            return "a name has 1 to 64 characters";
        }

        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-'))
            {
                return "'" + Describe(c) + "' is not allowed in a name (letters, digits, '_' and '-' only)";
            }
        }

        return null;
    }

    /// <summary>True for a <c>tool_choice</c> keyword.</summary>
    public static bool IsToolChoiceKeyword(string choice) => choice is "auto" or "none" or "required";

    /// <summary>Formats a rule's message (one of <see cref="PlanMessages"/>) with invariant culture.</summary>
    public static string Format(string messageFormat, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, messageFormat, args);

    /// <summary>A number as the messages show it: integers without decimals, others round-trip.</summary>
    public static string Number(double value) =>
        value == System.Math.Floor(value) && System.Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(char c) => c switch
    {
        ' ' => "space",
        '\t' => "tab",
        _ when c < 0x20 => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
        _ => c.ToString(),
    };
}
