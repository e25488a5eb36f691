using System;
using System.IO;
using Microsoft.Build.Framework;
using PodBench.Build.Tasks;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Cli.Settings;

namespace PodBench.Build;

/// <summary>
/// Merges a run's pods with DuckDB SQL, renders the reports and checks the plan's SLO gates: the same code the
/// runner's <c>merge</c> verb runs. Sends no request. Reads <c>BenchmarkOutput</c>, <c>BenchmarkRun</c> (empty: the
/// newest run), <c>BenchmarkAllowPartial</c>, <c>BenchmarkBaseline</c> and <c>BenchmarkImport</c> (reference-tool
/// output folders, one per pod, imported into a new run folder that is then merged) from the settings.
/// </summary>
public sealed class MergeRun : RunSettingsTask
{
    /// <summary>The run folder; when empty it is found from <c>BenchmarkOutput</c> and <c>BenchmarkRun</c>.</summary>
    public string? RunDirectory { get; set; }

    /// <summary>Fail the build when a gate does not hold.</summary>
    public bool FailOnGates { get; set; } = true;

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            using var log = new TaskLogWriter(Log);
            var outputRoot = Setting("BenchmarkOutput");
            var runName = Setting("BenchmarkRun");
            var import = Setting("BenchmarkImport");
            var runDirectory = import is not null
                ? ReferenceImportRun.Stage(outputRoot ?? throw new UsageException("BenchmarkOutput is empty."), runName, import, log)
                : string.IsNullOrWhiteSpace(RunDirectory)
                ? RunLocator.Resolve(outputRoot ?? throw new UsageException("BenchmarkOutput is empty."), runName)
                : Path.GetFullPath(RunDirectory);
            var outcome = RunFinisher.Finish(
                new FinishOptions(runDirectory, (bool?)Value(RunSettingCatalog.ByProperty("BenchmarkAllowPartial")!) ?? false, Setting("BenchmarkBaseline")),
                log);
            foreach (var line in outcome.ConsoleText.Split('\n'))
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
                Log.LogMessage(MessageImportance.High, "PodBench wrote " + file);
            }
        }
        catch (UsageException e)
        {
            Log.LogError(e.Message);
        }
        catch (Exception e) when (e is System.IO.IOException or System.IO.InvalidDataException or UnauthorizedAccessException or DuckDB.NET.Data.DuckDBException)
        {
            // a plain error naming the run, never an MSB4018 stack trace
            Log.LogError($"Merging {RunDirectory ?? Setting("BenchmarkRun")} failed: {e.GetType().Name}: {e.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    private string? Setting(string property) => Text(RunSettingCatalog.ByProperty(property)!);
}
