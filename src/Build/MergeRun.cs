using System;
using System.IO;
using Microsoft.Build.Framework;
using PodBench.Build.Tasks;
using PodBench.Runtime.Cli;

namespace PodBench.Build;

/// <summary>
/// Merges a run's pods with DuckDB SQL, renders the reports and checks the plan's SLO gates: the same code the
/// runner's <c>merge</c> verb runs. Sends no request.
/// </summary>
public sealed class MergeRun : Microsoft.Build.Utilities.Task
{
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

    /// <summary>
    /// <c>BenchmarkVerbosity</c>: <c>detailed</c> prints the full merged tables at high importance; otherwise they are
    /// logged at normal importance (shown with <c>-v:n</c>) and the console shows the compact summary only.
    /// </summary>
    public string? Verbosity { get; set; }

    /// <summary>Fail the build when a gate does not hold.</summary>
    public bool FailOnGates { get; set; } = true;

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            using var log = new TaskLogWriter(Log);
            var runDirectory = !string.IsNullOrWhiteSpace(Import)
                ? ReferenceImportRun.Stage(OutputRoot ?? throw new UsageException("BenchmarkOutput is empty."), RunName, Import, log)
                : string.IsNullOrWhiteSpace(RunDirectory)
                ? RunLocator.Resolve(OutputRoot ?? throw new UsageException("BenchmarkOutput is empty."), RunName)
                : Path.GetFullPath(RunDirectory);
            var outcome = RunFinisher.Finish(
                new FinishOptions(runDirectory, SettingParser.Flag("BenchmarkAllowPartial", AllowPartial) ?? false, string.IsNullOrWhiteSpace(Baseline) ? null : Baseline),
                log);
            var details = RunPods.Detailed(Verbosity) ? MessageImportance.High : MessageImportance.Normal;
            foreach (var line in outcome.DetailText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Log.LogMessage(details, line.TrimEnd('\r'));
            }

            foreach (var line in outcome.ConsoleText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Log.LogMessage(MessageImportance.High, line.TrimEnd('\r'));
            }

            foreach (var warning in outcome.Warnings)
            {
                Log.LogWarning(warning);
            }

            foreach (var error in outcome.Errors)
            {
                Log.LogError(error);
            }

            foreach (var gate in outcome.FailedGates)
            {
                if (FailOnGates)
                {
                    Log.LogError("SLO gate failed: " + gate);
                }
                else
                {
                    Log.LogWarning("SLO gate failed: " + gate);
                }
            }

            foreach (var file in outcome.Files)
            {
                Log.LogMessage(details, "PodBench wrote " + file);
            }

            if (outcome.ReportPath is { } report)
            {
                // last: the one file a reader opens
                Log.LogMessage(MessageImportance.High, "PodBench report: " + report);
            }
        }
        catch (UsageException e)
        {
            Log.LogError(e.Message);
        }
        catch (Exception e) when (e is System.IO.IOException or System.IO.InvalidDataException or UnauthorizedAccessException or DuckDB.NET.Data.DuckDBException)
        {
            // a plain error naming the run, never an MSB4018 stack trace
            Log.LogError($"Merging {RunDirectory ?? RunName} failed: {e.GetType().Name}: {e.Message}");
        }

        return !Log.HasLoggedErrors;
    }
}
