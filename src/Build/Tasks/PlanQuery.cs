using Microsoft.Build.Utilities;
using PodBench.Runtime.Cli;

namespace PodBench.Build.Tasks;

/// <summary>Learns the plan's structure from the built runner's <c>list --json --check</c> verb (no glue written by the user), which also refuses a plan whose files (datasets, tokenizers) are missing before any pod starts.</summary>
internal static class PlanQuery
{
    public static PlanListing? List(TaskLoggingHelper log, string dotnetHost, string runnerAssembly, string workingDirectory)
    {
        var (exitCode, output, error) = RunnerProcess.RunToEnd(dotnetHost, runnerAssembly, ["list", "--json", "--check"], workingDirectory);
        if (exitCode != 0)
        {
            // the runner's own error (a plan error, a missing dataset file) says what is wrong
            var text = error.Trim();
            log.LogError(text.StartsWith("error: ", System.StringComparison.Ordinal)
                ? text["error: ".Length..]
                : $"The plan could not be read: {runnerAssembly} list --json exited with {exitCode}. {text} {output.Trim()}".Trim());
            return null;
        }

        return PlanListing.Parse(output);
    }
}
