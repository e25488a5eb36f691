using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using PodBench.Build.Tasks;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Cli.Settings;

namespace PodBench.Build;

/// <summary>
/// Merges a run's pods with DuckDB SQL, renders the reports and checks the plan's SLO gates by running the plan's
/// runner (<c>merge</c> verb) as a child process, the way pods run: the build node loads neither DuckDB nor Scriban,
/// and the runner's errors, warnings, failed gates and written files come back typed over its channel. Sends no
/// request. Reads <c>BenchmarkOutput</c>, <c>BenchmarkRun</c> (empty: the newest run), <c>BenchmarkAllowPartial</c>,
/// <c>BenchmarkBaseline</c> and <c>BenchmarkImport</c> (reference-tool output folders, one per pod, imported into a
/// new run folder that is then merged) from the settings.
/// </summary>
public sealed class MergeRun : RunSettingsTask
{
    /// <summary>The built runner (the plan project's output assembly).</summary>
    [Required]
    public string RunnerAssembly { get; set; } = "";

    /// <summary>The dotnet host that runs <see cref="RunnerAssembly"/>.</summary>
    public string DotnetHost { get; set; } = "dotnet";

    /// <summary>The plan project's folder (the runner's working folder).</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>The run folder; when empty it is found from <c>BenchmarkOutput</c> and <c>BenchmarkRun</c>.</summary>
    public string? RunDirectory { get; set; }

    /// <summary>Fail the build when a gate does not hold.</summary>
    public bool FailOnGates { get; set; } = true;

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            var args = Arguments();
            var workingDirectory = string.IsNullOrWhiteSpace(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory;
            var wrote = VerbosityLevel.IsDetailed(Setting("BenchmarkVerbosity")) ? MessageImportance.High : MessageImportance.Normal;
            string? report = null;
            var (exitCode, _, error) = RunnerProcess.RunToEnd(
                DotnetHost,
                RunnerAssembly,
                args,
                workingDirectory,
                onOutput: line => Log.LogMessage(MessageImportance.High, line),
                onMessage: message =>
                {
                    if (message is WroteMessage { IsReport: true } r)
                    {
                        report = r.Path;
                    }

                    ChannelLog.Log(Log, message, gatesFail: FailOnGates, wrote: wrote);
                });
            if (exitCode != 0 && exitCode != RunnerExitCodes.Gate && !Log.HasLoggedErrors)
            {
                Log.LogError($"The runner's merge of {RunDirectory ?? Setting("BenchmarkRun") ?? "the newest run"} exited with {exitCode}. {error.Trim()}".TrimEnd());
            }

            if (report is not null)
            {
                // last: the one file a reader opens
                Log.LogMessage(MessageImportance.High, "PodBench report: " + report);
            }
        }
        catch (UsageException e)
        {
            Log.LogError(e.Message);
        }

        return !Log.HasLoggedErrors;
    }

    private List<string> Arguments()
    {
        var args = new List<string> { "merge" };
        if (!string.IsNullOrWhiteSpace(RunDirectory))
        {
            var full = Path.GetFullPath(RunDirectory).TrimEnd(Path.DirectorySeparatorChar);
            args.AddRange(["--output", Path.GetDirectoryName(full)!, "--run", Path.GetFileName(full)]);
        }
        else
        {
            args.AddRange(["--output", Path.GetFullPath(Setting("BenchmarkOutput") ?? throw new UsageException("BenchmarkOutput is empty."))]);
            if (Setting("BenchmarkRun") is { } run)
            {
                args.AddRange(["--run", run]);
            }
        }

        if (Setting("BenchmarkImport") is { } import)
        {
            args.AddRange(["--import", import]);
        }

        if ((bool?)Value(RunSettingCatalog.ByProperty("BenchmarkAllowPartial")!) == true)
        {
            args.Add("--partial");
        }

        if (Setting("BenchmarkVerbosity") is { } verbosity)
        {
            args.AddRange(["--verbosity", verbosity]);
        }

        if (Setting("BenchmarkBaseline") is { } baseline)
        {
            args.AddRange(["--baseline", Path.GetFullPath(baseline)]);
        }

        return args;
    }

    private string? Setting(string property) => Text(RunSettingCatalog.ByProperty(property)!);
}
