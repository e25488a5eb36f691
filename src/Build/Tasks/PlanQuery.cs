using System.Text.RegularExpressions;
using Microsoft.Build.Utilities;
using PodBench.Runtime.Cli;

namespace PodBench.Build.Tasks;

/// <summary>Learns the plan's structure from the built runner's <c>list --json --check</c> verb (no glue written by the user), which also refuses a plan whose files (datasets, tokenizers) are missing before any pod starts.</summary>
internal static class PlanQuery
{
    public static PlanListing? List(TaskLoggingHelper log, string dotnetHost, string runnerAssembly, string workingDirectory, string projectFile)
    {
        var (exitCode, output, error) = RunnerProcess.RunToEnd(dotnetHost, runnerAssembly, ["list", "--json", "--check"], workingDirectory);
        if (exitCode != 0)
        {
            // the runner's own error (a plan error, a missing dataset file: "error: PB0102: ...") says what is wrong
            var text = error.Trim();
            if (text.StartsWith("error: ", System.StringComparison.Ordinal))
            {
                text = text["error: ".Length..];
                var code = Regex.Match(text, "^(PB[0-9]{4}): ");
                log.LogError(null, code.Success ? code.Groups[1].Value : null, null, projectFile, 0, 0, 0, 0, code.Success ? text[code.Length..] : text);
            }
            else
            {
                log.LogError($"The plan could not be read: {runnerAssembly} list --json exited with {exitCode}. {text} {output.Trim()}".Trim());
            }

            return null;
        }

        return PlanListing.Parse(output);
    }
}
