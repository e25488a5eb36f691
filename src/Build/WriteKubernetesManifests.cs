using System.Collections.Generic;
using Microsoft.Build.Framework;
using PodBench.Build.Tasks;
using PodBench.Runtime.Cli;

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

    /// <summary><c>BenchmarkManifests</c>: where the manifests go.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary><c>BenchmarkImage</c>: the container image with the published runner.</summary>
    public string? Image { get; set; }

    /// <summary><c>BenchmarkNamespace</c>.</summary>
    public string? Namespace { get; set; }

    /// <summary><c>BenchmarkRun</c>: the run folder name every pod writes into.</summary>
    [Required]
    public string RunName { get; set; } = "";

    /// <summary><c>BenchmarkApiKeySecret</c>: the Secret holding the API key (key <c>api-key</c>).</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary><c>BenchmarkStorageClass</c>: the volume's storage class (ReadWriteMany); empty: the cluster's default.</summary>
    public string? StorageClass { get; set; }

    /// <summary><c>BenchmarkStorageSize</c>: the volume's size, e.g. <c>50Gi</c>; empty: 10Gi.</summary>
    public string? StorageSize { get; set; }

    /// <summary><c>BenchmarkPod</c>: write only the Job that reruns this pod into the run.</summary>
    public string? Pod { get; set; }

    /// <summary><c>BenchmarkBarrierTimeout</c>: seconds a pod waits at the start barrier for the others; empty: 600.</summary>
    public string? BarrierTimeout { get; set; }

    /// <summary><c>BenchmarkAllowPartial</c>: the merge Job merges what is complete.</summary>
    public string? AllowPartial { get; set; }

    /// <summary><c>BenchmarkBaseline</c>: a run on the volume (name, or absolute path in the pods) the reports compare with.</summary>
    public string? Baseline { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        if (string.IsNullOrWhiteSpace(Image))
        {
            Log.LogError("BenchmarkImage is empty: set it to the container image holding the published runner (see deploy/Dockerfile), e.g. -p:BenchmarkImage=registry.example.com/bench/multipod:1.");
            return false;
        }

        var args = new List<string> { "manifests", "--out", OutputDirectory, "--image", Image, "--run", RunName };
        if (!string.IsNullOrWhiteSpace(Namespace))
        {
            args.AddRange(["--namespace", Namespace]);
        }

        if (!string.IsNullOrWhiteSpace(ApiKeySecret))
        {
            args.AddRange(["--api-key-secret", ApiKeySecret]);
        }

        foreach (var (option, value) in new[] { ("--storage-class", StorageClass), ("--storage-size", StorageSize), ("--pod", Pod), ("--barrier-timeout", BarrierTimeout), ("--baseline", Baseline) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                args.AddRange([option, value.Trim()]);
            }
        }

        IReadOnlyDictionary<string, string> environment;
        try
        {
            if (SettingParser.Flag("BenchmarkAllowPartial", AllowPartial) == true)
            {
                args.Add("--partial");
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

        var (exitCode, output, error) = RunnerProcess.RunToEnd(DotnetHost, RunnerAssembly, args, System.IO.Directory.GetCurrentDirectory(), environment, message => ChannelLog.Log(Log, message));
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
