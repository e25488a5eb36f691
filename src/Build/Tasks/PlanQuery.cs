using System.IO;
using Microsoft.Build.Utilities;
using PodBench.Runtime.Cli;

namespace PodBench.Build.Tasks;

/// <summary>
/// Learns the plan's structure from the built runner's <c>list --json --check</c> verb (no glue written by the user),
/// which also refuses a plan whose files (datasets, tokenizers) are missing before any pod starts; its errors arrive
/// over the channel with their codes and are logged at the plan project. Not cached: the files it checks can change
/// while the runner does not (docs/performance.md).
/// </summary>
internal static class PlanQuery
{
    public static PlanOutline? List(TaskLoggingHelper log, string dotnetHost, string runnerAssembly, string workingDirectory, string projectFile)
    {
        var (exitCode, output, error) = RunnerProcess.RunToEnd(dotnetHost, runnerAssembly, ["list", "--json", "--check"], workingDirectory, onMessage: message => ChannelLog.Log(log, message, file: projectFile));
        if (exitCode != 0)
        {
            if (!log.HasLoggedErrors)
            {
                log.LogError(null, null, null, projectFile, 0, 0, 0, 0, $"The plan could not be read: {runnerAssembly} list --json exited with {exitCode}. {error.Trim()} {output.Trim()}".Trim());
            }

            return null;
        }

        try
        {
            return PlanOutline.Parse(output);
        }
        catch (InvalidDataException e)
        {
            log.LogError(null, null, null, projectFile, 0, 0, 0, 0, e.Message);
            return null;
        }
    }
}
