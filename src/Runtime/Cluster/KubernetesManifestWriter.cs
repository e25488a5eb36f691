using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using k8s;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// Writes the Kubernetes manifests that run a plan's pods on a cluster: the shared run volume, a ConfigMap of run
/// options, an Indexed Job with one completion per plan pod, and a merge Job that waits for every pod's manifest and
/// then runs the runner's <c>merge</c> and <c>report</c> verbs. <c>kubectl apply -f &lt;folder&gt;</c> applies them in
/// file-name order. Sub-folders, which that command does not apply: <c>fetch/</c>, a pod for copying the run folder
/// out; <c>rerun/</c>, one Job per pod that reruns only that pod into the run (reusing what it finished).
/// </summary>
public static class KubernetesManifestWriter
{
    /// <summary>The shared volume's file (absent with <see cref="KubernetesManifestOptions.ExistingClaim"/>).</summary>
    public const string VolumeFile = "00-volume.yaml";

    /// <summary>The ConfigMap's file.</summary>
    public const string OptionsFile = "01-options.yaml";

    /// <summary>The Indexed Job's file.</summary>
    public const string PodsFile = "02-pods.yaml";

    /// <summary>The merge Job's file.</summary>
    public const string MergeFile = "03-merge.yaml";

    /// <summary>The fetch pod's file, in the <c>fetch</c> sub-folder (not applied by <c>kubectl apply -f &lt;folder&gt;</c>).</summary>
    public const string FetchFile = "fetch/fetch-pod.yaml";

    /// <summary>The file of the Job that reruns pod <paramref name="pod"/> (see <see cref="KubernetesManifestOptions.RerunPod"/>).</summary>
    public static string RerunFile(int pod) => "rerun/rerun-pod-" + pod.ToString(CultureInfo.InvariantCulture) + ".yaml";

    /// <summary>Writes the manifests into <see cref="KubernetesManifestOptions.OutputDirectory"/>.</summary>
    /// <returns>The full paths of the files written, in apply order.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its MSBuild property.</exception>
    public static IReadOnlyList<string> Write(KubernetesManifestOptions options)
    {
        KubernetesManifestValidator.Validate(options);
        var names = new KubernetesObjectNames(options);
        var documents = new List<(string File, object Document)>();
        if (options.RerunPod is { } rerun)
        {
            documents.Add((RerunFile(rerun), KubernetesObjects.PodsJob(options, names, rerun)));
        }
        else if (options.ExistingClaim is null)
        {
            documents.Add((VolumeFile, KubernetesObjects.Volume(options, names)));
        }

        if (options.RerunPod is null)
        {
            documents.Add((OptionsFile, KubernetesObjects.ConfigMap(options, names)));
            documents.Add((PodsFile, KubernetesObjects.PodsJob(options, names, null)));
            documents.Add((MergeFile, KubernetesObjects.MergeJob(options, names, WaitScript(options, options.MergeWaitTimeout ?? options.ActiveDeadline))));
            documents.Add((FetchFile, KubernetesObjects.FetchPod(options, names)));
            for (var pod = 0; pod < options.PodCount; pod++)
            {
                documents.Add((RerunFile(pod), KubernetesObjects.PodsJob(options, names, pod)));
            }
        }

        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(Path.Combine(output, "fetch"));
        Directory.CreateDirectory(Path.Combine(output, "rerun"));
        if (options.ExistingClaim is not null && options.RerunPod is null)
        {
            File.Delete(Path.Combine(output, VolumeFile)); // left by an earlier write that created the volume
        }

        var files = new List<string>();
        foreach (var (file, document) in documents)
        {
            var path = Path.Combine(output, file);
            var header = "# Written by PodBench for plan " + options.PlanName + ", run " + options.RunName + ". See docs/cluster.md.\n";
            File.WriteAllText(path, header + KubernetesYaml.Serialize(document).TrimEnd('\n') + "\n");
            files.Add(path);
        }

        return files;
    }

    // The merge may start before the pods end (it is applied with them): it polls for every pod's manifest, the file
    // a pod writes last, and after the timeout merges what there is (the merge names the pods that are missing).
    internal static string WaitScript(KubernetesManifestOptions options, TimeSpan wait)
    {
        var pattern = options.PodManifestPattern.Replace("{0}", "$p", StringComparison.Ordinal);
        var tries = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds / 5));
        return string.Join('\n',
            $"run='{options.RunDirectory}'; n={options.PodCount}; tries={tries}; i=0",
            "while :; do",
            "  missing=''; p=0",
            "  while [ \"$p\" -lt \"$n\" ]; do",
            $"    [ -f \"$run/{pattern}\" ] || missing=\"$missing $p\"",
            "    p=$((p + 1))",
            "  done",
            "  if [ -z \"$missing\" ]; then echo \"all $n pods finished; merging $run\"; exit 0; fi",
            $"  if [ \"$i\" -ge \"$tries\" ]; then echo \"pods$missing wrote no manifest within {(long)Math.Ceiling(wait.TotalSeconds)} s; the merge names them\"; exit 0; fi",
            "  i=$((i + 1)); sleep 5",
            "done") + "\n";
    }
}
