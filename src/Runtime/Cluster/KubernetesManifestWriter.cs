using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// Writes the Kubernetes manifests that run a plan's pods on a cluster: the shared run volume, a ConfigMap of run
/// options, an Indexed Job with one completion per plan pod, and a merge Job that waits for every pod's manifest and
/// then runs the runner's <c>merge</c> and <c>report</c> verbs. <c>kubectl apply -f &lt;folder&gt;</c> applies them in
/// file-name order. Sub-folders, which that command does not apply: <c>fetch/</c>, a pod for copying the run folder
/// out; <c>rerun/</c>, one Job per pod that reruns only that pod into the run (reusing what it finished).
/// </summary>
public static partial class KubernetesManifestWriter
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

    private const string VolumeName = "data";

    /// <summary>The file of the Job that reruns pod <paramref name="pod"/> (see <see cref="KubernetesManifestOptions.RerunPod"/>).</summary>
    public static string RerunFile(int pod) => "rerun/rerun-pod-" + pod.ToString(CultureInfo.InvariantCulture) + ".yaml";

    /// <summary>Writes the manifests into <see cref="KubernetesManifestOptions.OutputDirectory"/>.</summary>
    /// <returns>The full paths of the files written, in apply order.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its MSBuild property.</exception>
    public static IReadOnlyList<string> Write(KubernetesManifestOptions options)
    {
        Validate(options);
        var names = new ObjectNames(options);
        var documents = new List<(string File, YamlMap Document)>();
        if (options.RerunPod is { } rerun)
        {
            documents.Add((RerunFile(rerun), PodsJob(options, names, rerun)));
        }
        else if (options.ExistingClaim is null)
        {
            documents.Add((VolumeFile, Volume(options, names)));
        }

        if (options.RerunPod is null)
        {
            documents.Add((OptionsFile, ConfigMap(options, names)));
            documents.Add((PodsFile, PodsJob(options, names, null)));
            documents.Add((MergeFile, MergeJob(options, names)));
            documents.Add((FetchFile, FetchPod(options, names)));
            for (var pod = 0; pod < options.PodCount; pod++)
            {
                documents.Add((RerunFile(pod), PodsJob(options, names, pod)));
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
            File.WriteAllText(path, header + YamlWriter.Write(document));
            files.Add(path);
        }

        return files;
    }

    private static YamlMap Volume(KubernetesManifestOptions options, ObjectNames names)
    {
        var spec = new YamlMap
        {
            { "accessModes", new[] { "ReadWriteMany" } },
            { "resources", new YamlMap { { "requests", new YamlMap { { "storage", options.StorageSize } } } } },
        };
        spec.AddIf("storageClassName", options.StorageClass);
        return new YamlMap
        {
            { "apiVersion", "v1" },
            { "kind", "PersistentVolumeClaim" },
            { "metadata", Metadata(options, names, names.Claim, "volume") },
            { "spec", spec },
        };
    }

    private static YamlMap ConfigMap(KubernetesManifestOptions options, ObjectNames names)
    {
        var data = new YamlMap
        {
            { ClusterEnvironment.Run, options.RunName },
            { ClusterEnvironment.RunDirectory, options.RunDirectory },
            { ClusterEnvironment.PodCount, options.PodCount.ToString(CultureInfo.InvariantCulture) },
            { ClusterEnvironment.BarrierTimeout, ClusterEnvironment.FormatSeconds(options.BarrierTimeout.TotalSeconds) },
            { ClusterEnvironment.StartMargin, ClusterEnvironment.FormatSeconds(options.StartMargin.TotalSeconds) },
        };
        data.AddIf(ClusterEnvironment.Pressure, options.Pressure is { } p ? (p ? "true" : "false") : null);
        data.AddIf(ClusterEnvironment.PressureTime, options.PressureTime is { } t ? ClusterEnvironment.FormatSeconds(t) : null);
        data.AddIf(ClusterEnvironment.MaxWorkers, options.MaxWorkers?.ToString(CultureInfo.InvariantCulture));
        data.AddIf(ClusterEnvironment.NumPrompts, options.NumPrompts?.ToString(CultureInfo.InvariantCulture));
        data.AddIf(Engine.Transport.EpollLoop.BusyPollVariable, options.BusyPollMicroseconds?.ToString(CultureInfo.InvariantCulture));
        data.AddIf(Engine.Transport.ArrivalStamps.Variable, options.ArrivalStamps switch { true => "1", false => "0", null => null });
        data.AddIf(ClusterEnvironment.Endpoint, options.Endpoint);
        data.AddIf(ClusterEnvironment.Endpoints, options.Endpoints.Count == 0 ? null : ClusterEnvironment.FormatEndpoints(options.Endpoints));
        return new YamlMap
        {
            { "apiVersion", "v1" },
            { "kind", "ConfigMap" },
            { "metadata", Metadata(options, names, names.Options, "options") },
            { "data", data },
        };
    }

    // rerun null: the Indexed Job of every pod; else a one-pod Job with the index given as a literal.
    private static YamlMap PodsJob(KubernetesManifestOptions options, ObjectNames names, int? rerun)
    {
        var arguments = new List<string>(options.RunArguments ?? ["run", "--run", options.RunDirectory]);
        if (!arguments.Contains("--pod"))
        {
            arguments.Add("--pod");
            arguments.Add("$(" + ClusterEnvironment.CompletionIndex + ")");
        }

        if (arguments.Contains("--barrier") && !arguments.Contains("--barrier-timeout"))
        {
            // Pods on different nodes start minutes apart when images are pulled: the barrier waits that long.
            arguments.Add("--barrier-timeout");
            arguments.Add(ClusterEnvironment.FormatSeconds(options.BarrierTimeout.TotalSeconds));
        }

        var env = new List<YamlMap>
        {
            // Declared explicitly (Kubernetes adds it too) so that $(JOB_COMPLETION_INDEX) expands in args.
            rerun is { } pod
                ? new YamlMap { { "name", ClusterEnvironment.CompletionIndex }, { "value", pod.ToString(CultureInfo.InvariantCulture) } }
                : FieldEnv(ClusterEnvironment.CompletionIndex, "metadata.annotations['batch.kubernetes.io/job-completion-index']"),
            FieldEnv("BENCHMARK_POD_NAME", "metadata.name"),
            FieldEnv("BENCHMARK_NODE_NAME", "spec.nodeName"),
        };
        if (options.ApiKeySecretName is not null)
        {
            env.Add(new YamlMap
            {
                { "name", options.ApiKeyVariable },
                {
                    "valueFrom", new YamlMap
                    {
                        { "secretKeyRef", new YamlMap { { "name", options.ApiKeySecretName }, { "key", options.ApiKeySecretKey } } },
                    }
                },
            });
        }

        var container = Container(options, names, "runner", options.RunnerPath, arguments, options.PodResources);
        container.Add("env", env);
        var podSpec = PodSpec(options, names, [container]);
        if (options.SpreadAcrossNodes)
        {
            podSpec.Add("topologySpreadConstraints", new[]
            {
                new YamlMap
                {
                    { "maxSkew", 1 },
                    { "topologyKey", "kubernetes.io/hostname" },
                    { "whenUnsatisfiable", "ScheduleAnyway" },
                    { "labelSelector", new YamlMap { { "matchLabels", Selector(names, "pod") } } },
                },
            });
        }

        if (rerun is { } one)
        {
            return Job(options, names, names.Rerun(one), "pod", new YamlMap
            {
                { "completions", 1 },
                { "parallelism", 1 },
                { "backoffLimit", options.BackoffLimitPerIndex },
                { "activeDeadlineSeconds", Seconds(options.ActiveDeadline) },
                { "ttlSecondsAfterFinished", Seconds(options.TtlAfterFinished) },
            }, podSpec);
        }

        return Job(options, names, names.Pods, "pod", new YamlMap
        {
            { "completionMode", "Indexed" },
            { "completions", options.PodCount },
            { "parallelism", options.PodCount },
            { "backoffLimitPerIndex", options.BackoffLimitPerIndex },
            { "activeDeadlineSeconds", Seconds(options.ActiveDeadline) },
            { "ttlSecondsAfterFinished", Seconds(options.TtlAfterFinished) },
        }, podSpec);
    }

    private static YamlMap MergeJob(KubernetesManifestOptions options, ObjectNames names)
    {
        var wait = options.MergeWaitTimeout ?? options.ActiveDeadline;
        var waiter = Container(options, names, "wait-for-pods", "/bin/sh", ["-c", WaitScript(options, wait)], new KubernetesResources("50m", "32Mi", null, "64Mi"));
        var merge = Container(options, names, "merge", options.RunnerPath, options.MergeArguments ?? ["merge", "--run", options.RunDirectory], options.MergeResources);
        var report = Container(options, names, "report", options.RunnerPath, options.ReportArguments ?? ["report", "--run", options.RunDirectory], options.MergeResources);
        var podSpec = PodSpec(options, names, [report]);
        podSpec.Add("initContainers", new[] { waiter, merge });
        return Job(options, names, names.Merge, "merge", new YamlMap
        {
            { "completions", 1 },
            { "parallelism", 1 },
            // A merge that fails names the missing pods; retrying would only wait for them again.
            { "backoffLimit", 0 },
            { "activeDeadlineSeconds", Seconds(wait + TimeSpan.FromHours(1)) },
            { "ttlSecondsAfterFinished", Seconds(options.TtlAfterFinished) },
        }, podSpec);
    }

    private static YamlMap FetchPod(KubernetesManifestOptions options, ObjectNames names)
    {
        var container = Container(options, names, "fetch", "sleep", ["3600"], new KubernetesResources("50m", "64Mi", null, "256Mi"));
        ((List<YamlMap>)container.Find(kv => kv.Key == "volumeMounts").Value)[0].Add("readOnly", true);
        var spec = PodSpec(options, names, [container]);
        return new YamlMap
        {
            { "apiVersion", "v1" },
            { "kind", "Pod" },
            { "metadata", Metadata(options, names, names.Fetch, "fetch") },
            { "spec", spec },
        };
    }

    // The merge may start before the pods end (it is applied with them): it polls for every pod's manifest, the file
    // a pod writes last, and after the timeout merges what there is (the merge names the pods that are missing).
    private static string WaitScript(KubernetesManifestOptions options, TimeSpan wait)
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
            $"  if [ \"$i\" -ge \"$tries\" ]; then echo \"pods$missing wrote no manifest within {Seconds(wait)} s; the merge names them\"; exit 0; fi",
            "  i=$((i + 1)); sleep 5",
            "done") + "\n";
    }

    private static YamlMap Job(KubernetesManifestOptions options, ObjectNames names, string name, string component, YamlMap spec, YamlMap podSpec)
    {
        spec.Add("template", new YamlMap
        {
            { "metadata", new YamlMap { { "labels", Labels(options, names, component) } } },
            { "spec", podSpec },
        });
        return new YamlMap
        {
            { "apiVersion", "batch/v1" },
            { "kind", "Job" },
            { "metadata", Metadata(options, names, name, component) },
            { "spec", spec },
        };
    }

    private static YamlMap PodSpec(KubernetesManifestOptions options, ObjectNames names, YamlMap[] containers)
    {
        var spec = new YamlMap
        {
            { "restartPolicy", "Never" },
            {
                "securityContext", new YamlMap
                {
                    { "runAsNonRoot", true },
                    { "runAsUser", options.RunAsUser },
                    { "runAsGroup", options.RunAsUser },
                    { "fsGroup", options.RunAsUser },
                }
            },
            { "containers", containers },
            { "volumes", new[] { new YamlMap { { "name", VolumeName }, { "persistentVolumeClaim", new YamlMap { { "claimName", names.Claim } } } } } },
        };
        spec.AddIf("serviceAccountName", options.ServiceAccountName);
        if (options.ImagePullSecrets.Count > 0)
        {
            spec.Add("imagePullSecrets", ((List<string>)[.. options.ImagePullSecrets]).ConvertAll(s => new YamlMap { { "name", s } }));
        }

        if (options.NodeSelector.Count > 0)
        {
            var selector = new YamlMap();
            foreach (var (key, value) in options.NodeSelector)
            {
                selector.Add(key, value);
            }

            spec.Add("nodeSelector", selector);
        }

        return spec;
    }

    private static YamlMap Container(KubernetesManifestOptions options, ObjectNames names, string name, string command, IReadOnlyList<string> arguments, KubernetesResources resources)
    {
        var requests = new YamlMap().AddIf("cpu", resources.CpuRequest).AddIf("memory", resources.MemoryRequest);
        var limits = new YamlMap().AddIf("cpu", resources.CpuLimit).AddIf("memory", resources.MemoryLimit);
        var container = new YamlMap
        {
            { "name", name },
            { "image", options.Image },
            { "imagePullPolicy", options.ImagePullPolicy },
            { "command", new[] { command } },
            { "args", arguments },
            { "envFrom", new[] { new YamlMap { { "configMapRef", new YamlMap { { "name", names.Options } } } } } },
            { "resources", new YamlMap { { "requests", requests }, { "limits", limits } } },
            { "volumeMounts", new List<YamlMap> { new() { { "name", VolumeName }, { "mountPath", options.DataMountPath } } } },
            {
                "securityContext", new YamlMap
                {
                    { "allowPrivilegeEscalation", false },
                    { "capabilities", new YamlMap { { "drop", new[] { "ALL" } } } },
                }
            },
        };
        return container;
    }

    private static YamlMap FieldEnv(string name, string fieldPath) => new()
    {
        { "name", name },
        { "valueFrom", new YamlMap { { "fieldRef", new YamlMap { { "fieldPath", fieldPath } } } } },
    };

    private static YamlMap Metadata(KubernetesManifestOptions options, ObjectNames names, string name, string component)
    {
        var metadata = new YamlMap { { "name", name } };
        metadata.AddIf("namespace", options.Namespace);
        metadata.Add("labels", Labels(options, names, component));
        return metadata;
    }

    private static YamlMap Labels(KubernetesManifestOptions options, ObjectNames names, string component)
    {
        var labels = Selector(names, component);
        labels.Add("podbench.io/plan", KubernetesNames.LabelValue(options.PlanName));
        labels.Add("podbench.io/run", KubernetesNames.LabelValue(options.RunName));
        return labels;
    }

    private static YamlMap Selector(ObjectNames names, string component) => new()
    {
        { "app.kubernetes.io/name", "podbench" },
        { "app.kubernetes.io/instance", names.Base },
        { "app.kubernetes.io/component", component },
    };

    private static long Seconds(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds);

    private static void Validate(KubernetesManifestOptions o)
    {
        static void Require(bool ok, string member, string property, string problem)
        {
            if (!ok)
            {
                throw new ArgumentException($"{member} ({property}): {problem}", member);
            }
        }

        Require(!string.IsNullOrWhiteSpace(o.PlanName), nameof(o.PlanName), "plan name", "must not be empty.");
        Require(o.PodCount is >= 1 and <= 100_000, nameof(o.PodCount), "the plan's pods", $"{o.PodCount} pods; expected 1 to 100000.");
        Require(!string.IsNullOrWhiteSpace(o.Image) && !o.Image.AsSpan().ContainsAny(" \t\n'\""), nameof(o.Image), "BenchmarkImage", $"'{o.Image}' is not an image reference (e.g. registry.example.com/bench/plan:1.0).");
        Require(SafeName().IsMatch(o.RunName) && o.RunName is not "." and not "..", nameof(o.RunName), "BenchmarkRun", $"'{o.RunName}' must be a folder name of letters, digits, '.', '_' and '-'.");
        Require(SafePath().IsMatch(o.RunnerPath), nameof(o.RunnerPath), "runner path", $"'{o.RunnerPath}' must be an absolute path inside the image, e.g. /app/MultiPod.");
        Require(SafePath().IsMatch(o.DataMountPath), nameof(o.DataMountPath), "data mount path", $"'{o.DataMountPath}' must be an absolute path of letters, digits, '.', '_', '-' and '/'.");
        Require(o.Namespace is null || DnsLabel().IsMatch(o.Namespace), nameof(o.Namespace), "BenchmarkNamespace", $"'{o.Namespace}' is not a namespace name (lower-case letters, digits, '-').");
        Require(o.ApiKeySecretName is null || DnsSubdomain().IsMatch(o.ApiKeySecretName), nameof(o.ApiKeySecretName), "API key secret", $"'{o.ApiKeySecretName}' is not a Secret name (lower-case letters, digits, '-', '.').");
        Require(o.ExistingClaim is null || DnsSubdomain().IsMatch(o.ExistingClaim), nameof(o.ExistingClaim), "existing claim", $"'{o.ExistingClaim}' is not a claim name.");
        Require(EnvName().IsMatch(o.ApiKeyVariable), nameof(o.ApiKeyVariable), "API key variable", $"'{o.ApiKeyVariable}' is not a variable name.");
        Require(SecretKey().IsMatch(o.ApiKeySecretKey), nameof(o.ApiKeySecretKey), "API key secret key", $"'{o.ApiKeySecretKey}' is not a Secret key.");
        Require(o.RerunPod is null || (o.RerunPod >= 0 && o.RerunPod < o.PodCount), nameof(o.RerunPod), "BenchmarkPod", $"pod {o.RerunPod} does not exist; the plan has pods 0 to {o.PodCount - 1}.");
        Require(o.BackoffLimitPerIndex >= 0, nameof(o.BackoffLimitPerIndex), "retries per pod", "must be 0 or more.");
        Require(o.ActiveDeadline > TimeSpan.Zero && o.TtlAfterFinished >= TimeSpan.Zero && o.BarrierTimeout > TimeSpan.Zero && o.StartMargin >= TimeSpan.Zero && (o.MergeWaitTimeout is null || o.MergeWaitTimeout > TimeSpan.Zero), nameof(o.ActiveDeadline), "time limits", "deadlines and timeouts must be positive.");
        Require(o.PodManifestPattern.Contains("{0}", StringComparison.Ordinal) && ManifestPattern().IsMatch(o.PodManifestPattern), nameof(o.PodManifestPattern), "pod manifest path", $"'{o.PodManifestPattern}' must be a relative path with {{0}} for the pod index.");
        Require(o.PressureTime is null || o.PressureTime > 0, nameof(o.PressureTime), "BenchmarkPressureTime", "must be positive.");
        Require(o.MaxWorkers is null || o.MaxWorkers >= 1, nameof(o.MaxWorkers), "BenchmarkMaxWorkers", "must be at least 1.");
        Require(o.NumPrompts is null || o.NumPrompts >= 1, nameof(o.NumPrompts), "BenchmarkNumPrompts", "must be at least 1.");
        Require(o.BusyPollMicroseconds is null || o.BusyPollMicroseconds >= 0, nameof(o.BusyPollMicroseconds), "BenchmarkBusyPoll", "must be 0 or more microseconds.");
        if (o.Endpoint is not null)
        {
            CheckUrl(o.Endpoint, nameof(o.Endpoint), "BenchmarkEndpoint");
        }

        foreach (var (abbr, url) in o.Endpoints)
        {
            Require(!abbr.AsSpan().ContainsAny("=;") && abbr.Trim().Length > 0, nameof(o.Endpoints), "BenchmarkEndpoints", $"model abbr '{abbr}' must not be empty or hold '=' or ';'.");
            CheckUrl(url, nameof(o.Endpoints), "BenchmarkEndpoints (" + abbr + ")");
        }
    }

    private static void CheckUrl(string url, string member, string property)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || url.Contains(';'))
        {
            throw new ArgumentException($"{member} ({property}): '{Engine.UrlSecrets.Redact(url)}' is not an http(s) URL.", member);
        }

        if (uri.UserInfo.Length > 0)
        {
            // Never echo the URL: its user info is a credential.
            throw new ArgumentException($"{member} ({property}): the URL carries credentials (user:password@); ConfigMaps are not secret. Put the key in a Secret (ApiKeySecretName).", member);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^/[A-Za-z0-9._/-]*$")]
    private static partial Regex SafePath();

    [GeneratedRegex("^[A-Za-z0-9._{}-][A-Za-z0-9._{}/-]*$")]
    private static partial Regex ManifestPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex SecretKey();

    private sealed class ObjectNames(KubernetesManifestOptions options)
    {
        public string Base { get; } = KubernetesNames.BaseName(options.PlanName, options.RunName);

        public string Claim => options.ExistingClaim ?? Base + "-data";

        public string Options => Base + "-options";

        public string Pods => Base + "-pods";

        public string Merge => Base + "-merge";

        public string Fetch => Base + "-fetch";

        public string Rerun(int pod)
        {
            var suffix = "-rerun-" + pod.ToString(CultureInfo.InvariantCulture);
            return Base[..Math.Min(Base.Length, 63 - suffix.Length)].TrimEnd('-') + suffix;
        }
    }
}
