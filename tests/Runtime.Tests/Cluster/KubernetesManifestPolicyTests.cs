using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using k8s;
using k8s.Models;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Planning;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>
/// What every written manifest must hold, read back with KubernetesClient's strict parser: each file is the kind
/// its name says, every pod template meets the restricted Pod Security Standard, the Jobs' pod failure policies, the
/// storage class only when given, the merge's partial and baseline, and no secret anywhere.
/// </summary>
public sealed class KubernetesManifestPolicyTests : IDisposable
{
    private const string ApiKey = "sk-policy-never-written-5521";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-k8s-policy-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private KubernetesManifestOptions Options() => new()
    {
        PlanName = "MultiPod",
        PodCount = 3,
        Image = "registry.example.com/bench/multipod:1.0",
        Namespace = "bench",
        RunName = "nightly-42",
        OutputDirectory = _dir,
        RunnerPath = "/app/MultiPod",
        ApiKeySecretName = "llm-api-key",
        Settings = new RunSettings { Endpoint = "http://vllm.bench.svc:8000" },
        RunArguments = ["run", "--output", "/data/outputs", "--run", "nightly-42", "--barrier", "--reuse"],
    };

    private static object LoadOne(string path)
    {
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(path), null, strict: true);
        return Assert.Single(objects);
    }

    private static IEnumerable<(string File, V1PodSpec Spec)> PodSpecs(IEnumerable<string> files) => files.Select(f => LoadOne(f) switch
    {
        V1Job job => (f, job.Spec.Template.Spec),
        V1Pod pod => (f, pod.Spec),
        _ => (f, (V1PodSpec)null!),
    }).Where(p => p.Item2 is not null);

    [Fact]
    public void Every_written_file_deserializes_to_the_kind_its_name_says()
    {
        var files = KubernetesManifestWriter.Write(Options());
        var expected = new Dictionary<string, (Type Type, string ApiVersion, string Kind)>
        {
            ["00-volume.yaml"] = (typeof(V1PersistentVolumeClaim), "v1", "PersistentVolumeClaim"),
            ["01-options.yaml"] = (typeof(V1ConfigMap), "v1", "ConfigMap"),
            ["02-pods.yaml"] = (typeof(V1Job), "batch/v1", "Job"),
            ["03-merge.yaml"] = (typeof(V1Job), "batch/v1", "Job"),
            ["fetch/fetch-pod.yaml"] = (typeof(V1Pod), "v1", "Pod"),
            ["rerun/rerun-pod-0.yaml"] = (typeof(V1Job), "batch/v1", "Job"),
            ["rerun/rerun-pod-1.yaml"] = (typeof(V1Job), "batch/v1", "Job"),
            ["rerun/rerun-pod-2.yaml"] = (typeof(V1Job), "batch/v1", "Job"),
        };

        // Every YAML file in the folder is one the writer returned, and each is the expected kind.
        var onDisk = Directory.GetFiles(_dir, "*.yaml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), onDisk);
        Assert.Equal(expected.Count, files.Count);
        foreach (var file in files)
        {
            var (type, apiVersion, kind) = expected[Path.GetRelativePath(_dir, file).Replace('\\', '/')];
            var obj = LoadOne(file);
            Assert.IsType(type, obj);
            var typed = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(obj);
            Assert.Equal(apiVersion, typed.ApiVersion);
            Assert.Equal(kind, typed.Kind);
            Assert.Equal("bench", typed.Metadata.NamespaceProperty);
            Assert.Equal("nightly-42", typed.Metadata.Labels["podbench.io/run"]);
            Assert.StartsWith("# Written by PodBench for plan MultiPod, run nightly-42.", File.ReadAllText(file), StringComparison.Ordinal);
            Assert.EndsWith("\n", File.ReadAllText(file), StringComparison.Ordinal);
            Assert.DoesNotContain("\n\n", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_pod_template_meets_the_restricted_pod_security_standard()
    {
        var files = KubernetesManifestWriter.Write(Options());
        var specs = PodSpecs(files).ToList();
        Assert.Equal(6, specs.Count); // pods, merge, fetch, three reruns
        foreach (var (file, spec) in specs)
        {
            var pod = spec.SecurityContext;
            Assert.True(pod.RunAsNonRoot, file);
            Assert.Equal(1654, pod.RunAsUser);
            Assert.Equal(1654, pod.RunAsGroup);
            Assert.Equal(1654, pod.FsGroup);
            Assert.Equal("RuntimeDefault", pod.SeccompProfile.Type);
            Assert.Null(spec.HostNetwork);
            Assert.Null(spec.HostPID);

            var tmp = Assert.Single(spec.Volumes, v => v.EmptyDir is not null);
            var data = Assert.Single(spec.Volumes, v => v.PersistentVolumeClaim is not null);
            Assert.Equal(2, spec.Volumes.Count); // no hostPath or other volume type
            foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers))
            {
                var context = container.SecurityContext;
                Assert.False(context.AllowPrivilegeEscalation, file + " " + container.Name);
                Assert.Equal(["ALL"], context.Capabilities.Drop);
                Assert.Null(context.Capabilities.Add);
                Assert.Null(context.Privileged);
                Assert.True(context.ReadOnlyRootFilesystem);
                Assert.Null(context.RunAsUser); // the pod's non-root uid applies

                // Temp files go to the writable emptyDir; the run folder stays on the shared claim.
                Assert.Equal("/tmp", Assert.Single(container.VolumeMounts, m => m.Name == tmp.Name).MountPath);
                Assert.Equal("/data", Assert.Single(container.VolumeMounts, m => m.Name == data.Name).MountPath);
                Assert.Equal("/tmp", Assert.Single(container.Env, e => e.Name == "TMPDIR").Value);
                Assert.Equal("/tmp", Assert.Single(container.Env, e => e.Name == "DOTNET_BUNDLE_EXTRACT_BASE_DIR").Value);
            }
        }

        var root = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(Options() with { RunAsUser = 0 }));
        Assert.Contains("RunAsUser", root.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_drain_does_not_spend_the_retry_and_a_usage_error_is_not_retried()
    {
        KubernetesManifestWriter.Write(Options());
        var pods = (V1Job)LoadOne(Path.Combine(_dir, KubernetesManifestWriter.PodsFile));

        // The API server accepts podFailurePolicy only with restartPolicy Never, and FailIndex only with backoffLimitPerIndex.
        Assert.Equal("Never", pods.Spec.Template.Spec.RestartPolicy);
        Assert.Equal(1, pods.Spec.BackoffLimitPerIndex);
        Assert.Null(pods.Spec.BackoffLimit);
        var rules = pods.Spec.PodFailurePolicy.Rules;
        Assert.Equal(2, rules.Count);
        Assert.Equal("Ignore", rules[0].Action);
        var condition = Assert.Single(rules[0].OnPodConditions);
        Assert.Equal(("DisruptionTarget", "True"), (condition.Type, condition.Status));
        Assert.Equal("FailIndex", rules[1].Action);
        Assert.Equal("runner", rules[1].OnExitCodes.ContainerName);
        Assert.Equal("In", rules[1].OnExitCodes.OperatorProperty);
        Assert.Equal([PodBench.Runtime.Cli.RunnerMain.UsageExitCode], rules[1].OnExitCodes.Values);
        Assert.Equal("runner", Assert.Single(pods.Spec.Template.Spec.Containers).Name);

        // Any other exit code (a failed pod, 1) has no rule: it counts against backoffLimitPerIndex as before.
        Assert.DoesNotContain(rules, r => r.OnExitCodes?.Values.Contains(1) == true);

        var rerun = (V1Job)LoadOne(Path.Combine(_dir, KubernetesManifestWriter.RerunFile(1)));
        Assert.Equal(["Ignore", "FailJob"], rerun.Spec.PodFailurePolicy.Rules.Select(r => r.Action));
        Assert.Equal(1, rerun.Spec.BackoffLimit);

        var merge = (V1Job)LoadOne(Path.Combine(_dir, KubernetesManifestWriter.MergeFile));
        Assert.Equal(0, merge.Spec.BackoffLimit);
        var mergeRule = Assert.Single(merge.Spec.PodFailurePolicy.Rules);
        Assert.Equal("Ignore", mergeRule.Action);
        Assert.Equal("DisruptionTarget", Assert.Single(mergeRule.OnPodConditions).Type);
    }

    [Fact]
    public void Storage_class_is_written_only_when_given()
    {
        KubernetesManifestWriter.Write(Options() with { StorageClass = "nfs-client", StorageSize = "50Gi" });
        var path = Path.Combine(_dir, KubernetesManifestWriter.VolumeFile);
        var claim = (V1PersistentVolumeClaim)LoadOne(path);
        Assert.Equal("nfs-client", claim.Spec.StorageClassName);
        Assert.Equal("50Gi", claim.Spec.Resources.Requests["storage"].ToString());

        KubernetesManifestWriter.Write(Options());
        claim = (V1PersistentVolumeClaim)LoadOne(path);
        Assert.Null(claim.Spec.StorageClassName);
        Assert.DoesNotContain("storageClassName", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal("10Gi", claim.Spec.Resources.Requests["storage"].ToString());

        var badClass = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(Options() with { StorageClass = "NFS Client" }));
        Assert.Contains("BenchmarkStorageClass", badClass.Message, StringComparison.Ordinal);
        var badSize = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(Options() with { StorageSize = "lots" }));
        Assert.Contains("BenchmarkStorageSize", badSize.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_and_report_get_partial_and_baseline_and_the_pods_the_barrier_timeout()
    {
        KubernetesManifestWriter.Write(Options() with { AllowPartial = true, Baseline = "nightly-41", BarrierTimeout = TimeSpan.FromMinutes(15) });
        var merge = ((V1Job)LoadOne(Path.Combine(_dir, KubernetesManifestWriter.MergeFile))).Spec.Template.Spec;
        Assert.Equal(["merge", "--run", "/data/outputs/nightly-42", "--partial", "--baseline", "/data/outputs/nightly-41"], merge.InitContainers[1].Args);
        Assert.Equal(["report", "--run", "/data/outputs/nightly-42", "--partial", "--baseline", "/data/outputs/nightly-41"], merge.Containers[0].Args);
        var runner = ((V1Job)LoadOne(Path.Combine(_dir, KubernetesManifestWriter.PodsFile))).Spec.Template.Spec.Containers[0];
        Assert.Equal(["--barrier-timeout", "900"], runner.Args.SkipWhile(a => a != "--barrier-timeout"));
        Assert.Equal("900", ((V1ConfigMap)LoadOne(Path.Combine(_dir, KubernetesManifestWriter.OptionsFile))).Data["BENCHMARK_BARRIER_TIMEOUT"]);

        KubernetesManifestWriter.Write(Options() with { Baseline = "/data/archive/base" });
        merge = ((V1Job)LoadOne(Path.Combine(_dir, KubernetesManifestWriter.MergeFile))).Spec.Template.Spec;
        Assert.Equal(["merge", "--run", "/data/outputs/nightly-42", "--baseline", "/data/archive/base"], merge.InitContainers[1].Args);

        var escape = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(Options() with { Baseline = "../other" }));
        Assert.Contains("BenchmarkBaseline", escape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_manifest_holds_the_api_key_or_a_url_password()
    {
        Environment.SetEnvironmentVariable("BENCHMARK_API_KEY", ApiKey);
        try
        {
            var files = KubernetesManifestWriter.Write(Options() with { Settings = new RunSettings { Endpoint = "http://vllm.bench.svc:8000", Endpoints = new Dictionary<string, string> { ["a"] = "http://a.bench.svc:8000" } } });
            foreach (var (file, spec) in PodSpecs(files))
            {
                foreach (var env in (spec.InitContainers ?? []).Concat(spec.Containers).SelectMany(c => c.Env ?? []))
                {
                    // The key variable is only ever a secretKeyRef, never a literal.
                    Assert.False(env.Name == "BENCHMARK_API_KEY" && env.Value is not null, file);
                }
            }

            Assert.All(files, f => Assert.DoesNotContain(ApiKey, File.ReadAllText(f), StringComparison.Ordinal));

            // Credentials in any URL are refused before a file is written, and the password is not echoed.
            Directory.Delete(_dir, recursive: true);
            var error = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(Options() with
            {
                Settings = new RunSettings { Endpoints = new Dictionary<string, string> { ["a"] = "http://bench:s3cr3t-pw@a.bench.svc:8000" } },
            }));
            Assert.DoesNotContain("s3cr3t-pw", error.Message, StringComparison.Ordinal);
            Assert.Contains("BenchmarkEndpoints", error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_dir));
        }
        finally
        {
            Environment.SetEnvironmentVariable("BENCHMARK_API_KEY", null);
        }
    }
}
