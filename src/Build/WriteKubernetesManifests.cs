using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using PodBench.Build.Tasks;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Cli.Settings;

namespace PodBench.Build;

/// <summary>
/// Writes the Kubernetes manifests of a plan (an Indexed Job of its pods, the shared volume, the run options, the
/// merge Job) by running the built runner's <c>manifests</c> verb: the same code a user can run without MSBuild.
/// </summary>
public sealed class WriteKubernetesManifests : RunSettingsTask
{
    /// <summary>The plan project's built assembly.</summary>
    [Required]
    public string RunnerAssembly { get; set; } = "";

    /// <summary>The dotnet host.</summary>
    public string DotnetHost { get; set; } = "dotnet";

    /// <summary><c>BenchmarkRun</c>: the run folder name every pod writes into.</summary>
    [Required]
    public string RunName { get; set; } = "";

    /// <inheritdoc />
    public override bool Execute()
    {
        if (Text(RunSettingCatalog.ByProperty("BenchmarkImage")!) is null)
        {
            Log.LogError("BenchmarkImage is empty: set it to the container image holding the published runner (see deploy/Dockerfile), e.g. -p:BenchmarkImage=registry.example.com/bench/multipod:1.");
            return false;
        }

        var args = new List<string> { "manifests", "--run", RunName };
        IReadOnlyDictionary<string, string> environment;
        try
        {
            // every other manifests option from its property; the plan's overrides as RunnerCommandLine passes them to pods
            foreach (var setting in RunSettingCatalog.Properties)
            {
                if (setting.Verbs.Contains("manifests") && !setting.OverridesPlan && setting.Option != "run" && Value(setting) is { } value)
                {
                    args.AddRange([setting.Switch!, setting.Format(value)]);
                }
            }

            var settings = ReadSettings(null);
            args.AddRange(RunnerCommandLine.Settings(settings));
            environment = RunnerCommandLine.Environment(settings);
        }
        catch (UsageException e)
        {
            Log.LogError(e.Message);
            return false;
        }

        var (exitCode, output, error) = RunnerProcess.RunToEnd(DotnetHost, RunnerAssembly, args, System.IO.Directory.GetCurrentDirectory(), environment, message => ChannelLog.Log(Log, message, file: ProjectFile));
        foreach (var line in (output + error).Split('\n'))
        {
            var text = line.TrimEnd('\r');
            if (text.Length > 0)
            {
                Log.LogMessage(MessageImportance.High, text);
            }
        }

        if (exitCode != 0 && !Log.HasLoggedErrors)
        {
            Log.LogError($"The runner's manifests verb exited with {exitCode}.");
        }

        return !Log.HasLoggedErrors;
    }
}
