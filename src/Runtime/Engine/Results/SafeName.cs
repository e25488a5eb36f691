using System;

namespace PodBench.Runtime.Results;

/// <summary>Checks that an abbr can be used as one file name inside the run folder and nothing else.</summary>
internal static class SafeName
{
    private const int MaxLength = 200;

    public static string CheckAbbr(string? abbr, string what)
    {
        if (string.IsNullOrEmpty(abbr))
        {
            throw new ArgumentException($"The {what} is empty: an abbr names a folder or file of the run, so it needs letters, digits, '-', '_' or '.'.");
        }

        if (abbr.Length > MaxLength)
        {
            throw new ArgumentException($"The {what} '{abbr[..40]}...' is {abbr.Length} characters long; at most {MaxLength} are allowed.");
        }

        foreach (var c in abbr)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!ok)
            {
                throw new ArgumentException($"The {what} '{abbr}' contains '{c}': use only letters, digits, '-', '_' and '.', so that it stays one file name inside the run folder.");
            }
        }

        if (abbr[0] == '.')
        {
            throw new ArgumentException($"The {what} '{abbr}' starts with '.': that would be a hidden file or a parent folder; start it with a letter or digit.");
        }

        if (string.Equals(abbr, RunLayout.MergeModelAbbr, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The {what} '{abbr}' is reserved: '{RunLayout.MergeModelAbbr}' is the folder of the merged results.");
        }

        return abbr;
    }
}
