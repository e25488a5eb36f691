using Microsoft.Build.Utilities;
using PodBench.Runtime.Cli;

namespace PodBench.Build.Tasks;

/// <summary>Learns the plan's structure from the built runner's <c>list --json</c> verb (no glue written by the user).</summary>
internal static class PlanQuery
{
    public static PlanListing? List(TaskLoggingHelper log, string dotnetHost, string runnerAssembly, string workingDirectory)
    {
        var (exitCode, output, error) = RunnerProcess.RunToEnd(dotnetHost, runnerAssembly, ["list", "--json"], workingDirectory, onMessage: message => ChannelLog.Log(log, message));
        if (exitCode != 0)
        {
            if (!log.HasLoggedErrors)
            {
                log.LogError($"The plan could not be read: {runnerAssembly} list --json exited with {exitCode}. {error.Trim()} {output.Trim()}".Trim());
            }

            return null;
        }

        return PlanListing.Parse(output);
    }
}
