using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using PodBench.Build.Tasks;
using PodBench.Runtime.Cli;

namespace PodBench.Build;

/// <summary>
/// Merges a run's pods with DuckDB SQL, renders the reports and checks the plan's SLO gates by running the plan's
/// runner (<c>merge</c> verb) as a child process, the way pods run: the build node loads neither DuckDB nor Scriban,
/// and the runner's errors, warnings, failed gates and written files come back typed over its channel. Sends no
/// request.
/// </summary>
public sealed class MergeRun : Microsoft.Build.Utilities.Task
{
    /// <summary>The built runner (the plan project's output assembly).</summary>
    [Required]
    public string RunnerAssembly { get; set; } = "";

    /// <summary>The dotnet host that runs <see cref="RunnerAssembly"/>.</summary>
    public string DotnetHost { get; set; } = "dotnet";

    /// <summary>The plan project's folder (the runner's working folder).</summary>
    public string? ProjectDirectory { get; set; }

    /// <summary>The run folder; when empty it is found from <see cref="OutputRoot"/> and <see cref="RunName"/>.</summary>
    public string? RunDirectory { get; set; }

    /// <summary><c>BenchmarkOutput</c>.</summary>
    public string? OutputRoot { get; set; }

    /// <summary><c>BenchmarkRun</c>; empty means the newest run.</summary>
    public string? RunName { get; set; }

    /// <summary><c>BenchmarkAllowPartial</c>: merge what is complete when pods are missing.</summary>
    public string? AllowPartial { get; set; }

    /// <summary><c>BenchmarkBaseline</c>: a run folder to compare with.</summary>
    public string? Baseline { get; set; }

    /// <summary>
    /// <c>BenchmarkImport</c>: output folders of the reference tool, one per pod, separated by <c>;</c> (<c>%3B</c>).
    /// When set, they are imported into a new run folder (<see cref="RunName"/>, else <c>import_&lt;timestamp&gt;</c>
    /// under <see cref="OutputRoot"/>) and that run is merged.
    /// </summary>
    public string? Import { get; set; }

    /// <summary>Fail the build when a gate does not hold.</summary>
    public bool FailOnGates { get; set; } = true;

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            var args = Arguments();
            var workingDirectory = string.IsNullOrWhiteSpace(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory;
            var (exitCode, _, error) = RunnerProcess.RunToEnd(
                DotnetHost,
                RunnerAssembly,
                args,
                workingDirectory,
                onOutput: line => Log.LogMessage(MessageImportance.High, line),
                onMessage: message => ChannelLog.Log(Log, message, gatesFail: FailOnGates));
            if (exitCode != 0 && exitCode != RunnerMain.GateExitCode && !Log.HasLoggedErrors)
            {
                Log.LogError($"The runner's merge of {RunDirectory ?? RunName ?? "the newest run"} exited with {exitCode}. {error.Trim()}".TrimEnd());
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
            args.AddRange(["--output", Path.GetFullPath(OutputRoot is { Length: > 0 } root ? root : throw new UsageException("BenchmarkOutput is empty."))]);
            if (!string.IsNullOrWhiteSpace(RunName))
            {
                args.AddRange(["--run", RunName]);
            }
        }

        if (!string.IsNullOrWhiteSpace(Import))
        {
            args.AddRange(["--import", Import]);
        }

        if (SettingParser.Flag("BenchmarkAllowPartial", AllowPartial) == true)
        {
            args.Add("--partial");
        }

        if (!string.IsNullOrWhiteSpace(Baseline))
        {
            args.AddRange(["--baseline", Path.GetFullPath(Baseline)]);
        }

        return args;
    }
}
