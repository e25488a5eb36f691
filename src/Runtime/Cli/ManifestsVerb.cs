using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Cli.Settings;
using PodBench.Runtime.Cluster;

namespace PodBench.Runtime.Cli;

/// <summary>The <c>manifests</c> verb: Kubernetes manifests that run the plan's pods as an Indexed Job.</summary>
internal static class ManifestsVerb
{
    /// <summary>Where the run folders live on the shared volume inside the pods.</summary>
    public const string DataOutputs = "/data/outputs";

    public static int Run(RunnerContext context, RunnerArguments args, TextWriter output)
    {
        var image = args.Get("image");
        if (string.IsNullOrWhiteSpace(image))
        {
            throw new UsageException("manifests: --image is required (BenchmarkImage): the container image holding the published runner (see deploy/Dockerfile).");
        }

        var outputDirectory = Path.GetFullPath(args.Get("out") ?? Path.Combine(context.BaseDirectory, "k8s"));
        var runName = args.Get("run") ?? DateTime.Now.ToString("yyyyMMdd_HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var settings = RunVerb.Settings(context, args);
        if (PressureTimeCheck.Warning(settings, context.Plan.Run.Pressure, s => s.Switch!) is { } pressureWarning)
        {
            RunnerDiagnostics.Warning(Console.Error, pressureWarning, PressureTimeCheck.Code);
        }

        var assembly = Assembly.GetEntryAssembly()?.GetName().Name ?? "runner";
        var rerunPod = (int?)RunSettingCatalog.Pod.Parse("--pod", args.Get("pod"));
        var barrierTimeout = SettingParser.Seconds("--barrier-timeout", args.Get("barrier-timeout"));
        var options = new KubernetesManifestOptions
        {
            PlanName = assembly,
            PodCount = context.Pods.Count,
            Image = image,
            RunName = runName,
            OutputDirectory = outputDirectory,
            RunnerPath = "/app/" + assembly,
            Namespace = args.Get("namespace"),
            StorageClass = args.Get("storage-class"),
            StorageSize = args.Get("storage-size") ?? "10Gi",
            ApiKeySecretName = args.Get("api-key-secret"),
            RerunPod = rerunPod,
            AllowPartial = args.Flag("partial"),
            Baseline = args.Get("baseline"),
            Settings = settings,
            RunArguments = ["run", "--output", DataOutputs, "--run", runName, "--barrier", "--reuse"],
            MergeArguments = ["merge", "--output", DataOutputs, "--run", runName],
            ReportArguments = ["report", "--output", DataOutputs, "--run", runName],
        };
        if (barrierTimeout is { } seconds)
        {
            options = options with { BarrierTimeout = TimeSpan.FromSeconds(seconds) };
        }

        IReadOnlyList<string> files;
        try
        {
            files = KubernetesManifestWriter.Write(options);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("manifests: " + e.Message);
        }

        foreach (var file in files)
        {
            output.WriteLine("wrote " + file);
        }

        return 0;
    }
}
