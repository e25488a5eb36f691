using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using k8s;
using k8s.Models;
using PodBench.Runtime.Cli.Settings;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Engine.Transport;
using PodBench.Runtime.Planning;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

public sealed class KubernetesManifestWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-k8s-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private KubernetesManifestOptions Options(int pods = 3) => new()
    {
        PlanName = "MultiPod",
        PodCount = pods,
        Image = "registry.example.com/bench/multipod:1.0",
        Namespace = "bench",
        RunName = "20261128_010443",
        OutputDirectory = _dir,
        RunnerPath = "/app/MultiPod",
        ApiKeySecretName = "llm-api-key",
        StorageClass = "nfs-client",
        StorageSize = "20Gi",
        Settings = new RunSettings
        {
            Pressure = true,
            PressureTime = 30,
            MaxWorkers = 2,
            Endpoint = "http://vllm.bench.svc:8000",
            Endpoints = new Dictionary<string, string> { ["test2"] = "http://sglang.bench.svc:30000", ["test1"] = "https://10.0.0.5:8443/v1" },
        },
    };

    private KubernetesManifestOptions With(RunSettings settings) => Options() with { Settings = settings };

    private static T Load<T>(string path)
    {
        // strict: an unknown or misspelt field is an error, as with kubectl --validate=strict.
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(path), null, strict: true);
        return Assert.IsType<T>(Assert.Single(objects));
    }

    [Fact]
    public void Writes_every_file_in_apply_order()
    {
        var files = KubernetesManifestWriter.Write(Options());
        Assert.Equal(
            ["00-volume.yaml", "01-options.yaml", "02-pods.yaml", "03-merge.yaml", "fetch/fetch-pod.yaml", "rerun/rerun-pod-0.yaml", "rerun/rerun-pod-1.yaml", "rerun/rerun-pod-2.yaml"],
            files.Select(f => Path.GetRelativePath(_dir, f).Replace('\\', '/')));
        Assert.All(files, f => Assert.True(File.Exists(f)));
    }

    [Fact]
    public void Pods_job_is_indexed_with_one_completion_per_pod()
    {
        KubernetesManifestWriter.Write(Options(pods: 3));
        var job = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.PodsFile));

        Assert.Equal("batch/v1", job.ApiVersion);
        Assert.Equal("multipod-20261128-010443-pods", job.Metadata.Name);
        Assert.Equal("bench", job.Metadata.NamespaceProperty);
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(3, job.Spec.Completions);
        Assert.Equal(3, job.Spec.Parallelism);
        Assert.Equal(1, job.Spec.BackoffLimitPerIndex);
        Assert.Equal(7200, job.Spec.ActiveDeadlineSeconds);
        Assert.Equal(86400, job.Spec.TtlSecondsAfterFinished);

        var pod = job.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(1654, pod.SecurityContext.FsGroup);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("registry.example.com/bench/multipod:1.0", container.Image);
        Assert.Equal(["/app/MultiPod"], container.Command);
        Assert.Equal(["run", "--run", "/data/outputs/20261128_010443", "--pod", "$(JOB_COMPLETION_INDEX)"], container.Args);

        // $(JOB_COMPLETION_INDEX) expands only from a variable declared in the container: it must be there.
        var index = Assert.Single(container.Env, e => e.Name == "JOB_COMPLETION_INDEX");
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", index.ValueFrom.FieldRef.FieldPath);

        var mount = Assert.Single(container.VolumeMounts, m => m.MountPath == "/data");
        var volume = Assert.Single(pod.Volumes, v => v.Name == mount.Name);
        Assert.Equal("multipod-20261128-010443-data", volume.PersistentVolumeClaim.ClaimName);

        Assert.Equal("multipod-20261128-010443-options", Assert.Single(container.EnvFrom).ConfigMapRef.Name);
        Assert.Equal("2", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("4Gi", container.Resources.Limits["memory"].ToString());
        Assert.False(container.Resources.Limits.ContainsKey("cpu"));

        var spread = Assert.Single(pod.TopologySpreadConstraints);
        Assert.Equal("kubernetes.io/hostname", spread.TopologyKey);
        Assert.Equal("pod", spread.LabelSelector.MatchLabels["app.kubernetes.io/component"]);
        Assert.Equal(job.Spec.Template.Metadata.Labels["app.kubernetes.io/instance"], spread.LabelSelector.MatchLabels["app.kubernetes.io/instance"]);
    }

    [Fact]
    public void Api_key_comes_from_the_secret_and_no_value_is_written()
    {
        const string key = "sk-do-not-leak-4711";
        Environment.SetEnvironmentVariable("BENCHMARK_API_KEY", key);
        try
        {
            var files = KubernetesManifestWriter.Write(Options());
            var job = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.PodsFile));
            var env = Assert.Single(job.Spec.Template.Spec.Containers[0].Env, e => e.Name == "BENCHMARK_API_KEY");
            Assert.Null(env.Value);
            Assert.Equal("llm-api-key", env.ValueFrom.SecretKeyRef.Name);
            Assert.Equal("api-key", env.ValueFrom.SecretKeyRef.Key);

            // No container anywhere has a literal value for the key variable, and no file holds the key.
            foreach (var file in files)
            {
                Assert.DoesNotContain(key, File.ReadAllText(file), StringComparison.Ordinal);
            }

            var merge = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.MergeFile));
            var mergeContainers = merge.Spec.Template.Spec.InitContainers.Concat(merge.Spec.Template.Spec.Containers);
            Assert.All(mergeContainers, c => Assert.True(c.Env is null || c.Env.All(e => e.Name != "BENCHMARK_API_KEY")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("BENCHMARK_API_KEY", null);
        }
    }

    [Fact]
    public void No_secret_no_key_variable()
    {
        KubernetesManifestWriter.Write(Options() with { ApiKeySecretName = null });
        var job = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.PodsFile));
        Assert.DoesNotContain(job.Spec.Template.Spec.Containers[0].Env, e => e.Name == "BENCHMARK_API_KEY");
    }

    [Fact]
    public void Volume_is_a_read_write_many_claim()
    {
        KubernetesManifestWriter.Write(Options());
        var claim = Load<V1PersistentVolumeClaim>(Path.Combine(_dir, KubernetesManifestWriter.VolumeFile));
        Assert.Equal("multipod-20261128-010443-data", claim.Metadata.Name);
        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes);
        Assert.Equal("20Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("nfs-client", claim.Spec.StorageClassName);
    }

    [Fact]
    public void Existing_claim_replaces_the_volume_file()
    {
        KubernetesManifestWriter.Write(Options());
        var files = KubernetesManifestWriter.Write(Options() with { ExistingClaim = "shared-results" });
        Assert.DoesNotContain(files, f => f.EndsWith(KubernetesManifestWriter.VolumeFile, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_dir, KubernetesManifestWriter.VolumeFile)));
        var job = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.PodsFile));
        Assert.Equal("shared-results", job.Spec.Template.Spec.Volumes[0].PersistentVolumeClaim.ClaimName);
    }

    [Fact]
    public void ConfigMap_holds_the_run_options_the_runner_reads_back()
    {
        KubernetesManifestWriter.Write(Options());
        var map = Load<V1ConfigMap>(Path.Combine(_dir, KubernetesManifestWriter.OptionsFile));
        Assert.Equal("20261128_010443", map.Data["BENCHMARK_RUN"]);
        Assert.Equal("/data/outputs/20261128_010443", map.Data["BENCHMARK_RUN_DIR"]);
        Assert.Equal("3", map.Data["BENCHMARK_POD_COUNT"]);
        Assert.Equal("600", map.Data["BENCHMARK_BARRIER_TIMEOUT"]);
        Assert.False(map.Data.ContainsKey("BENCHMARK_NUM_PROMPTS"));

        var settings = RunSettingValues.FromEnvironment(name => map.Data.TryGetValue(name, out var v) ? v : null);
        Assert.True(settings.Pressure);
        Assert.Equal(30, settings.PressureTime);
        Assert.Equal(2, settings.MaxWorkers);
        Assert.Null(settings.NumPrompts);
        Assert.Equal("http://vllm.bench.svc:8000", settings.Endpoint);
        Assert.Equal("http://sglang.bench.svc:30000", settings.Endpoints["test2"]);
        Assert.Equal("https://10.0.0.5:8443/v1", settings.Endpoints["test1"]);
        Assert.False(map.Data.ContainsKey(EpollLoop.BusyPollVariable));
        Assert.False(map.Data.ContainsKey(ArrivalStamps.Variable));
    }

    [Theory]
    [InlineData(true, "1")]
    [InlineData(false, "0")]
    public void ConfigMap_carries_the_arrival_stamps_choice_the_pods_read(bool stamps, string value)
    {
        KubernetesManifestWriter.Write(With(new RunSettings { ArrivalStamps = stamps }));
        var map = Load<V1ConfigMap>(Path.Combine(_dir, KubernetesManifestWriter.OptionsFile));
        Assert.Equal(value, map.Data["PODBENCH_ARRIVAL_STAMPS"]);
    }

    [Fact]
    public void ConfigMap_carries_the_busy_poll_the_pods_socket_loop_reads()
    {
        KubernetesManifestWriter.Write(With(new RunSettings { BusyPollMicroseconds = 20_000 }));
        var map = Load<V1ConfigMap>(Path.Combine(_dir, KubernetesManifestWriter.OptionsFile));
        Assert.Equal("20000", map.Data["PODBENCH_BUSY_POLL_US"]);
        var job = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.PodsFile));
        Assert.Contains(job.Spec.Template.Spec.Containers[0].EnvFrom, e => e.ConfigMapRef?.Name == map.Metadata.Name);

        var error = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(With(new RunSettings { BusyPollMicroseconds = -1 })));
        Assert.Contains("BenchmarkBusyPoll", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_job_waits_for_every_pod_then_merges_and_reports()
    {
        KubernetesManifestWriter.Write(Options(pods: 4));
        var job = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.MergeFile));
        Assert.Equal("multipod-20261128-010443-merge", job.Metadata.Name);
        Assert.Null(job.Spec.CompletionMode);
        Assert.Equal(1, job.Spec.Completions);
        Assert.True(job.Spec.ActiveDeadlineSeconds > 7200);
        var pod = job.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.Equal(["wait-for-pods", "merge"], pod.InitContainers.Select(c => c.Name));
        var wait = pod.InitContainers[0];
        Assert.Equal(["/bin/sh"], wait.Command);
        var script = wait.Args[1];
        Assert.Contains("run='/data/outputs/20261128_010443'; n=4;", script, StringComparison.Ordinal);
        Assert.Contains("$run/pods/pod-$p.json", script, StringComparison.Ordinal);
        Assert.Equal(["merge", "--run", "/data/outputs/20261128_010443"], pod.InitContainers[1].Args);
        Assert.Equal(["report", "--run", "/data/outputs/20261128_010443"], Assert.Single(pod.Containers).Args);
        Assert.All(pod.InitContainers.Concat(pod.Containers), c => Assert.Contains(c.VolumeMounts, m => m.MountPath == "/data"));
    }

    [Fact]
    public void Fetch_pod_mounts_the_volume_read_only()
    {
        KubernetesManifestWriter.Write(Options());
        var pod = Load<V1Pod>(Path.Combine(_dir, KubernetesManifestWriter.FetchFile));
        var mount = Assert.Single(Assert.Single(pod.Spec.Containers).VolumeMounts, m => m.MountPath == "/data");
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal("multipod-20261128-010443-fetch", pod.Metadata.Name);
    }

    [Fact]
    public void Custom_run_arguments_keep_an_explicit_pod_argument()
    {
        KubernetesManifestWriter.Write(Options() with { RunArguments = ["run", "--pod", "$(JOB_COMPLETION_INDEX)", "--run", "/data/outputs/x"] });
        var job = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.PodsFile));
        Assert.Single(job.Spec.Template.Spec.Containers[0].Args, a => a == "--pod");
    }

    [Fact]
    public void Long_names_are_shortened_to_valid_distinct_object_names()
    {
        var longPlan = new string('P', 80);
        KubernetesManifestWriter.Write(Options() with { PlanName = longPlan, RunName = "run_a" });
        var a = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.PodsFile)).Metadata.Name;
        KubernetesManifestWriter.Write(Options() with { PlanName = longPlan, RunName = "run_b" });
        var b = Load<V1Job>(Path.Combine(_dir, KubernetesManifestWriter.PodsFile)).Metadata.Name;
        Assert.NotEqual(a, b);
        Assert.All(new[] { a, b }, n => Assert.Matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", n));
    }

    [Theory]
    [InlineData("RunName", "BenchmarkRun")]
    [InlineData("Image", "BenchmarkImage")]
    [InlineData("Namespace", "BenchmarkNamespace")]
    [InlineData("PodCount", "the plan's pods")]
    public void Bad_options_are_named(string member, string property)
    {
        var options = member switch
        {
            "RunName" => Options() with { RunName = "../escape" },
            "Image" => Options() with { Image = "" },
            "Namespace" => Options() with { Namespace = "Bench_NS" },
            _ => Options() with { PodCount = 0 },
        };
        var error = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(options));
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void Endpoint_with_credentials_is_refused_without_echoing_them()
    {
        var error = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(With(new RunSettings { Endpoint = "http://user:hunter2@vllm:8000" })));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("BenchmarkEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_parsing_would_catch_a_misspelt_field()
    {
        // Guards the checks above: the parser used by these tests rejects what the API server would reject.
        KubernetesManifestWriter.Write(Options());
        var path = Path.Combine(_dir, KubernetesManifestWriter.PodsFile);
        var text = File.ReadAllText(path).Replace("completionMode:", "completionMod:", StringComparison.Ordinal);
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(text, null, strict: true));
    }

    [Fact]
    public void Writes_readable_yaml()
    {
        KubernetesManifestWriter.Write(Options());
        var text = File.ReadAllText(Path.Combine(_dir, KubernetesManifestWriter.PodsFile));
        Assert.Contains("\n  completionMode: Indexed\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rerun_of_one_pod_is_a_single_job_with_a_fixed_index()
    {
        var files = KubernetesManifestWriter.Write(Options(pods: 3) with { RerunPod = 2 });
        var file = Assert.Single(files);
        Assert.EndsWith("rerun/rerun-pod-2.yaml", file, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(file), File.ReadAllText(Assert.Single(KubernetesManifestWriter.Write(Options(pods: 3)), f => f.EndsWith("rerun-pod-2.yaml", StringComparison.Ordinal))));
        var job = Load<V1Job>(file);
        Assert.Equal("multipod-20261128-010443-rerun-2", job.Metadata.Name);
        Assert.Null(job.Spec.CompletionMode);
        Assert.Equal(1, job.Spec.Completions);
        var container = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal("2", Assert.Single(container.Env, e => e.Name == "JOB_COMPLETION_INDEX").Value);
        Assert.Equal(["run", "--run", "/data/outputs/20261128_010443", "--pod", "$(JOB_COMPLETION_INDEX)"], container.Args);
        Assert.Equal("multipod-20261128-010443-data", job.Spec.Template.Spec.Volumes[0].PersistentVolumeClaim.ClaimName);
        Assert.Equal("llm-api-key", Assert.Single(container.Env, e => e.Name == "BENCHMARK_API_KEY").ValueFrom.SecretKeyRef.Name);

        var error = Assert.Throws<ArgumentException>(() => KubernetesManifestWriter.Write(Options(pods: 3) with { RerunPod = 3 }));
        Assert.Contains("pods 0 to 2", error.Message, StringComparison.Ordinal);
    }
}
