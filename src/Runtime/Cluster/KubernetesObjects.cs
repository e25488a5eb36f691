using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using k8s.Models;

namespace PodBench.Runtime.Cluster;

/// <summary>The typed objects <see cref="KubernetesManifestWriter"/> serializes: one method per manifest.</summary>
internal static class KubernetesObjects
{
    /// <summary>
    /// The writable folder mounted over the read-only root file system's <c>/tmp</c>. No size limit: the summaries'
    /// DuckDB spills into the system temp folder past its memory limit, and an exceeded limit would evict the pod.
    /// </summary>
    public const string TempPath = "/tmp";

    private const string VolumeName = "data";
    private const string TempVolumeName = "tmp";

    public static V1PersistentVolumeClaim Volume(KubernetesManifestOptions options, KubernetesObjectNames names) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = Metadata(options, names, names.Claim, "volume"),
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteMany"],
            Resources = new V1VolumeResourceRequirements { Requests = Quantities(("storage", options.StorageSize)) },
            StorageClassName = options.StorageClass,
        },
    };

    public static V1ConfigMap ConfigMap(KubernetesManifestOptions options, KubernetesObjectNames names)
    {
        var data = new Dictionary<string, string>
        {
            [ClusterEnvironment.Run] = options.RunName,
            [ClusterEnvironment.RunDirectory] = options.RunDirectory,
            [ClusterEnvironment.PodCount] = options.PodCount.ToString(CultureInfo.InvariantCulture),
            [ClusterEnvironment.BarrierTimeout] = ClusterEnvironment.FormatSeconds(options.BarrierTimeout.TotalSeconds),
            [ClusterEnvironment.StartMargin] = ClusterEnvironment.FormatSeconds(options.StartMargin.TotalSeconds),
        };
        foreach (var (variable, value) in Cli.Settings.RunSettingValues.Variables(options.Settings))
        {
            data[variable] = value;
        }

        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Metadata(options, names, names.Options, "options"),
            Data = data,
        };
    }

    /// <summary>Null <paramref name="rerun"/>: the Indexed Job of every pod; else a one-pod Job with the index given as a literal.</summary>
    public static V1Job PodsJob(KubernetesManifestOptions options, KubernetesObjectNames names, int? rerun)
    {
        var arguments = new List<string>(options.RunArguments ?? ["run", "--run", options.RunDirectory]);
        if (!arguments.Contains("--pod"))
        {
            arguments.AddRange(["--pod", "$(" + ClusterEnvironment.CompletionIndex + ")"]);
        }

        if (arguments.Contains("--barrier") && !arguments.Contains("--barrier-timeout"))
        {
            // Pods on different nodes start minutes apart when images are pulled: the barrier waits that long.
            arguments.AddRange(["--barrier-timeout", ClusterEnvironment.FormatSeconds(options.BarrierTimeout.TotalSeconds)]);
        }

        var container = Container(options, names, "runner", options.RunnerPath, arguments, options.PodResources);
        container.Env.Insert(0, rerun is { } pod
            // Declared explicitly (Kubernetes adds it too) so that $(JOB_COMPLETION_INDEX) expands in args.
            ? new V1EnvVar { Name = ClusterEnvironment.CompletionIndex, Value = pod.ToString(CultureInfo.InvariantCulture) }
            : FieldEnv(ClusterEnvironment.CompletionIndex, "metadata.annotations['batch.kubernetes.io/job-completion-index']"));
        container.Env.Add(FieldEnv("BENCHMARK_POD_NAME", "metadata.name"));
        container.Env.Add(FieldEnv("BENCHMARK_NODE_NAME", "spec.nodeName"));
        if (options.ApiKeySecretName is not null)
        {
            container.Env.Add(new V1EnvVar
            {
                Name = options.ApiKeyVariable,
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = options.ApiKeySecretName, Key = options.ApiKeySecretKey } },
            });
        }

        var podSpec = PodSpec(options, names, [container]);
        if (options.SpreadAcrossNodes)
        {
            podSpec.TopologySpreadConstraints =
            [
                new V1TopologySpreadConstraint
                {
                    MaxSkew = 1,
                    TopologyKey = "kubernetes.io/hostname",
                    WhenUnsatisfiable = "ScheduleAnyway",
                    LabelSelector = new V1LabelSelector { MatchLabels = Selector(names, "pod") },
                },
            ];
        }

        var spec = new V1JobSpec
        {
            ActiveDeadlineSeconds = Seconds(options.ActiveDeadline),
            TtlSecondsAfterFinished = (int)Seconds(options.TtlAfterFinished),
        };
        if (rerun is { } one)
        {
            spec.Completions = 1;
            spec.Parallelism = 1;
            spec.BackoffLimit = options.BackoffLimitPerIndex;
            spec.PodFailurePolicy = FailurePolicy("FailJob");
            return Job(options, names, names.Rerun(one), "pod", spec, podSpec);
        }

        spec.CompletionMode = "Indexed";
        spec.Completions = options.PodCount;
        spec.Parallelism = options.PodCount;
        spec.BackoffLimitPerIndex = options.BackoffLimitPerIndex;
        spec.PodFailurePolicy = FailurePolicy("FailIndex");
        return Job(options, names, names.Pods, "pod", spec, podSpec);
    }

    public static V1Job MergeJob(KubernetesManifestOptions options, KubernetesObjectNames names, string waitScript)
    {
        var wait = options.MergeWaitTimeout ?? options.ActiveDeadline;
        var waiter = Container(options, names, "wait-for-pods", "/bin/sh", ["-c", waitScript], new KubernetesResources("50m", "32Mi", null, "64Mi"));
        var merge = Container(options, names, "merge", options.RunnerPath, FinishArguments(options, options.MergeArguments ?? ["merge", "--run", options.RunDirectory]), options.MergeResources);
        var report = Container(options, names, "report", options.RunnerPath, FinishArguments(options, options.ReportArguments ?? ["report", "--run", options.RunDirectory]), options.MergeResources);
        var podSpec = PodSpec(options, names, [report]);
        podSpec.InitContainers = [waiter, merge];
        return Job(options, names, names.Merge, "merge", new V1JobSpec
        {
            Completions = 1,
            Parallelism = 1,
            // A merge that fails names the missing pods; retrying would only wait for them again. A drained node
            // does not count (the policy ignores it), so the merge then starts again on another node.
            BackoffLimit = 0,
            PodFailurePolicy = FailurePolicy(null),
            ActiveDeadlineSeconds = Seconds(wait + TimeSpan.FromHours(1)),
            TtlSecondsAfterFinished = (int)Seconds(options.TtlAfterFinished),
        }, podSpec);
    }

    public static V1Pod FetchPod(KubernetesManifestOptions options, KubernetesObjectNames names)
    {
        var container = Container(options, names, "fetch", "sleep", ["3600"], new KubernetesResources("50m", "64Mi", null, "256Mi"));
        container.VolumeMounts[0].ReadOnlyProperty = true;
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = Metadata(options, names, names.Fetch, "fetch"),
            Spec = PodSpec(options, names, [container]),
        };
    }

    // A node drain or preemption (condition DisruptionTarget) is not the runner's failure: it does not spend the
    // retry. The runner's usage exit code means the arguments are wrong, which a retry cannot fix. Any other exit
    // code counts against the retries as before (backoffLimitPerIndex / backoffLimit).
    private static V1PodFailurePolicy FailurePolicy(string? usageAction)
    {
        var rules = new List<V1PodFailurePolicyRule>
        {
            new()
            {
                Action = "Ignore",
                OnPodConditions = [new V1PodFailurePolicyOnPodConditionsPattern { Type = "DisruptionTarget", Status = "True" }],
            },
        };
        if (usageAction is not null)
        {
            rules.Add(new V1PodFailurePolicyRule
            {
                Action = usageAction,
                OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement
                {
                    ContainerName = "runner",
                    OperatorProperty = "In",
                    Values = [Cli.RunnerExitCodes.Usage],
                },
            });
        }

        return new V1PodFailurePolicy { Rules = rules };
    }

    private static List<string> FinishArguments(KubernetesManifestOptions options, IReadOnlyList<string> arguments)
    {
        var result = new List<string>(arguments);
        if (options.AllowPartial && !result.Contains("--partial"))
        {
            result.Add("--partial");
        }

        if (options.BaselineDirectory is { } baseline && !result.Contains("--baseline"))
        {
            result.AddRange(["--baseline", baseline]);
        }

        return result;
    }

    private static V1Job Job(KubernetesManifestOptions options, KubernetesObjectNames names, string name, string component, V1JobSpec spec, V1PodSpec podSpec)
    {
        spec.Template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = Labels(options, names, component) },
            Spec = podSpec,
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = Metadata(options, names, name, component),
            Spec = spec,
        };
    }

    // The restricted Pod Security Standard: non-root with a fixed uid/gid, the runtime's default seccomp profile,
    // and (per container) no privilege escalation, no capabilities, a read-only root file system.
    private static V1PodSpec PodSpec(KubernetesManifestOptions options, KubernetesObjectNames names, List<V1Container> containers) => new()
    {
        RestartPolicy = "Never",
        SecurityContext = new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            RunAsUser = options.RunAsUser,
            RunAsGroup = options.RunAsUser,
            FsGroup = options.RunAsUser,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        },
        Containers = containers,
        Volumes =
        [
            new V1Volume { Name = VolumeName, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = names.Claim } },
            new V1Volume { Name = TempVolumeName, EmptyDir = new V1EmptyDirVolumeSource() },
        ],
        ServiceAccountName = options.ServiceAccountName,
        ImagePullSecrets = options.ImagePullSecrets.Count == 0 ? null : [.. options.ImagePullSecrets.Select(s => new V1LocalObjectReference { Name = s })],
        NodeSelector = options.NodeSelector.Count == 0 ? null : new Dictionary<string, string>(options.NodeSelector),
    };

    private static V1Container Container(KubernetesManifestOptions options, KubernetesObjectNames names, string name, string command, IReadOnlyList<string> arguments, KubernetesResources resources) => new()
    {
        Name = name,
        Image = options.Image,
        ImagePullPolicy = options.ImagePullPolicy,
        Command = [command],
        Args = [.. arguments],
        EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = names.Options } }],
        // .NET's Path.GetTempPath() reads TMPDIR; a single-file runner extracts under DOTNET_BUNDLE_EXTRACT_BASE_DIR.
        Env = [new V1EnvVar { Name = "TMPDIR", Value = TempPath }, new V1EnvVar { Name = "DOTNET_BUNDLE_EXTRACT_BASE_DIR", Value = TempPath }],
        Resources = new V1ResourceRequirements
        {
            Requests = Quantities(("cpu", resources.CpuRequest), ("memory", resources.MemoryRequest)),
            Limits = Quantities(("cpu", resources.CpuLimit), ("memory", resources.MemoryLimit)),
        },
        VolumeMounts =
        [
            new V1VolumeMount { Name = VolumeName, MountPath = options.DataMountPath },
            new V1VolumeMount { Name = TempVolumeName, MountPath = TempPath },
        ],
        SecurityContext = new V1SecurityContext
        {
            AllowPrivilegeEscalation = false,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
            ReadOnlyRootFilesystem = true,
            RunAsNonRoot = true,
        },
    };

    private static Dictionary<string, ResourceQuantity> Quantities(params (string Name, string? Value)[] values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => new ResourceQuantity(v.Value));

    private static V1EnvVar FieldEnv(string name, string fieldPath) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } } };

    private static V1ObjectMeta Metadata(KubernetesManifestOptions options, KubernetesObjectNames names, string name, string component) => new()
    {
        Name = name,
        NamespaceProperty = options.Namespace,
        Labels = Labels(options, names, component),
    };

    private static Dictionary<string, string> Labels(KubernetesManifestOptions options, KubernetesObjectNames names, string component)
    {
        var labels = Selector(names, component);
        labels["podbench.io/plan"] = KubernetesNames.LabelValue(options.PlanName);
        labels["podbench.io/run"] = KubernetesNames.LabelValue(options.RunName);
        return labels;
    }

    private static Dictionary<string, string> Selector(KubernetesObjectNames names, string component) => new()
    {
        ["app.kubernetes.io/name"] = "podbench",
        ["app.kubernetes.io/instance"] = names.Base,
        ["app.kubernetes.io/component"] = component,
    };

    private static long Seconds(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds);
}
