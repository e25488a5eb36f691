using System;
using System.IO;

namespace PodBench.Runtime.Reports;

/// <summary>Appends Markdown to the GitHub Actions job summary when <c>GITHUB_STEP_SUMMARY</c> is set.</summary>
public static class StepSummary
{
    /// <summary>The environment variable GitHub Actions sets to the summary file.</summary>
    public const string Variable = "GITHUB_STEP_SUMMARY";

    /// <summary>Appends <paramref name="markdown"/>; returns the file written, or null when the variable is not set.</summary>
    public static string? Append(string markdown)
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        File.AppendAllText(path, markdown.EndsWith('\n') ? markdown : markdown + "\n");
        return path;
    }
}
