using System;
using System.Collections.Generic;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// What <see cref="KubernetesManifestWriter.Write"/> needs to run one plan on a cluster (the
/// <c>KubernetesManifests</c> target's properties). Holds names of secrets, never their values.
/// </summary>
public sealed record KubernetesManifestOptions
{
    /// <summary>The plan's name (e.g. the plan project's or class's name); part of every object's name.</summary>
    public required string PlanName { get; init; }

    /// <summary>Number of pods of the plan: completions and parallelism of the Indexed Job.</summary>
    public required int PodCount { get; init; }

    /// <summary>The runner image (see <c>deploy/Dockerfile</c>), e.g. <c>registry.example.com/bench/multipod:1.0</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The run folder name (<c>BenchmarkRun</c>); the folder is <see cref="RunDirectory"/> on the volume.</summary>
    public required string RunName { get; init; }

    /// <summary>Where the YAML files go (<c>BenchmarkManifests</c>).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>
    /// The runner executable inside the image, e.g. <c>/app/MultiPod</c> (the plan assembly's apphost).
    /// </summary>
    public required string RunnerPath { get; init; }

    /// <summary>Namespace of every object (<c>BenchmarkNamespace</c>); null leaves it to <c>kubectl -n</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>Size of the shared volume created for the run (<c>BenchmarkStorageSize</c>). Default <c>10Gi</c>.</summary>
    public string StorageSize { get; init; } = "10Gi";

    /// <summary>
    /// Storage class of the volume (<c>BenchmarkStorageClass</c>); it must offer ReadWriteMany (NFS, CephFS, EFS,
    /// Filestore...). Null: no <c>storageClassName</c>, so the cluster's default class.
    /// </summary>
    public string? StorageClass { get; init; }

    /// <summary>Use this existing ReadWriteMany claim instead of creating one (no PVC file is written).</summary>
    public string? ExistingClaim { get; init; }

    /// <summary>Where the volume is mounted in every container. Default <c>/data</c>.</summary>
    public string DataMountPath { get; init; } = "/data";

    /// <summary>Resources of each load pod.</summary>
    public KubernetesResources PodResources { get; init; } = KubernetesResources.Pod;

    /// <summary>Resources of the merge.</summary>
    public KubernetesResources MergeResources { get; init; } = KubernetesResources.Merge;

    /// <summary>
    /// The per-run overrides of the plan (<c>BenchmarkPressure</c>, <c>BenchmarkEndpoint</c>... see
    /// <see cref="Cli.Settings.RunSettingCatalog"/>), put in the ConfigMap as the variables the runner reads. The
    /// endpoints must not carry credentials (ConfigMaps are not secret).
    /// </summary>
    public Planning.RunSettings Settings { get; init; } = new();

    /// <summary>
    /// The Secret holding the API key (create it with <c>kubectl create secret generic NAME --from-literal=api-key=...</c>);
    /// null sends no key. The key reaches the pods through <c>secretKeyRef</c> only.
    /// </summary>
    public string? ApiKeySecretName { get; init; }

    /// <summary>The key inside the Secret. Default <c>api-key</c>.</summary>
    public string ApiKeySecretKey { get; init; } = "api-key";

    /// <summary>The variable the key is put in. Default <c>BENCHMARK_API_KEY</c> (the plan's default).</summary>
    public string ApiKeyVariable { get; init; } = "BENCHMARK_API_KEY";

    /// <summary>
    /// Arguments of the load pods after <see cref="RunnerPath"/>. Default <c>run --run &lt;RunDirectory&gt;</c>.
    /// <c>--pod $(JOB_COMPLETION_INDEX)</c> is appended unless <c>--pod</c> is already there.
    /// </summary>
    public IReadOnlyList<string>? RunArguments { get; init; }

    /// <summary>Arguments of the merge step. Default <c>merge --run &lt;RunDirectory&gt;</c>.</summary>
    public IReadOnlyList<string>? MergeArguments { get; init; }

    /// <summary>Arguments of the report step. Default <c>report --run &lt;RunDirectory&gt;</c>.</summary>
    public IReadOnlyList<string>? ReportArguments { get; init; }

    /// <summary>Merge what is complete when pods are missing (<c>BenchmarkAllowPartial</c>): the merge and report get <c>--partial</c>.</summary>
    public bool AllowPartial { get; init; }

    /// <summary>
    /// A baseline run to compare with (<c>BenchmarkBaseline</c>): a run folder name under the volume's outputs, or an
    /// absolute path inside the pods. The merge and report get <c>--baseline</c>.
    /// </summary>
    public string? Baseline { get; init; }

    /// <summary>
    /// Path of pod i's manifest relative to the run folder, with <c>{0}</c> for i; the merge waits for these files.
    /// Default <c>pods/pod-{0}.json</c>.
    /// </summary>
    public string PodManifestPattern { get; init; } = "pods/pod-{0}.json";

    /// <summary>Times a failed pod index is retried (the rerun reuses what the pod finished). Default 1.</summary>
    public int BackoffLimitPerIndex { get; init; } = 1;

    /// <summary>Longest the load Job may run, from its start, before Kubernetes stops it. Default 2 h.</summary>
    public TimeSpan ActiveDeadline { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How long finished Jobs (and their logs) stay. Default 1 day.</summary>
    public TimeSpan TtlAfterFinished { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long the merge waits for every pod's manifest before merging what there is. Default: <see cref="ActiveDeadline"/>.</summary>
    public TimeSpan? MergeWaitTimeout { get; init; }

    /// <summary>How long a pod waits at the start barrier for the others. Default 10 min (image pulls can be slow).</summary>
    public TimeSpan BarrierTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Time between the last arrival at the barrier and the common start. Default 5 s.</summary>
    public TimeSpan StartMargin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Image pull policy. Default <c>IfNotPresent</c>.</summary>
    public string ImagePullPolicy { get; init; } = "IfNotPresent";

    /// <summary>Names of image pull Secrets for a private registry.</summary>
    public IReadOnlyList<string> ImagePullSecrets { get; init; } = [];

    /// <summary>Service account of the pods; null: the namespace's default.</summary>
    public string? ServiceAccountName { get; init; }

    /// <summary>Node labels the pods must match (e.g. a client node pool).</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>Prefer different nodes for different pods (a topology spread over host names). Default true.</summary>
    public bool SpreadAcrossNodes { get; init; } = true;

    /// <summary>User and group id the containers run as, never 0 (the .NET images' <c>app</c> user is 1654).</summary>
    public int RunAsUser { get; init; } = 1654;

    /// <summary>
    /// Write only a Job that reruns this one pod into the existing run (<c>BenchmarkPod</c>), e.g. after it failed
    /// for good: <c>rerun/rerun-pod-&lt;i&gt;.yaml</c> (a full write has one for every pod). The runner reuses what
    /// the pod had finished.
    /// </summary>
    public int? RerunPod { get; init; }

    /// <summary>The folder of every run inside the pods: <c>&lt;DataMountPath&gt;/outputs</c>.</summary>
    public string OutputsDirectory => DataMountPath.TrimEnd('/') + "/outputs";

    /// <summary>The run folder inside the pods: <c>&lt;DataMountPath&gt;/outputs/&lt;RunName&gt;</c>.</summary>
    public string RunDirectory => OutputsDirectory + "/" + RunName;

    /// <summary>The baseline folder inside the pods, or null (a bare name is a run under <see cref="OutputsDirectory"/>).</summary>
    public string? BaselineDirectory => Baseline is null || Baseline.StartsWith('/') ? Baseline : OutputsDirectory + "/" + Baseline;
}
