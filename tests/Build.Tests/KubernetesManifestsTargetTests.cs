using System;
using System.IO;
using System.Linq;
using k8s;
using k8s.Models;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>The <c>KubernetesManifests</c> target on the seed's plan: an Indexed Job of its two pods, no secret inlined.</summary>
public sealed class KubernetesManifestsTargetTests
{
    private static T Load<T>(string path) => Assert.IsType<T>(Assert.Single(KubernetesYaml.LoadAllFromString(File.ReadAllText(path), null, strict: true)));

    [Fact]
    public void The_target_writes_an_indexed_job_of_the_plans_pods()
    {
        var folder = Path.Combine(Path.GetTempPath(), "podbench-k8s-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exitCode, log) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:KubernetesManifests", "-nologo", $"-p:BenchmarkManifests={folder}",
                 "-p:BenchmarkImage=registry.example.com/bench/multipod:1.0", "-p:BenchmarkRun=nightly-42", "-p:BenchmarkNamespace=bench",
                 "-p:BenchmarkApiKeySecret=llm-api-key", "-p:BenchmarkBusyPoll=20000", "-p:BenchmarkArrivalStamps=false",
                 "-p:BenchmarkStorageClass=nfs-client", "-p:BenchmarkStorageSize=50Gi", "-p:BenchmarkBarrierTimeout=900",
                 "-p:BenchmarkAllowPartial=true", "-p:BenchmarkBaseline=nightly-41"],
                RepoPaths.Root,
                new System.Collections.Generic.Dictionary<string, string> { ["BENCHMARK_API_KEY"] = "sk-never-inlined-91c2" });

            Assert.True(exitCode == 0, log);
            var pods = File.ReadAllText(Directory.GetFiles(folder, "*pods*.yaml").Single());
            Assert.Contains("completionMode: Indexed", pods);
            Assert.Contains("completions: 2", pods);
            Assert.Contains("parallelism: 2", pods);
            Assert.Contains("JOB_COMPLETION_INDEX", pods);
            Assert.Contains("secretKeyRef", pods);
            Assert.Contains("llm-api-key", pods);
            Assert.Contains("nightly-42", pods);
            // the pods' loop polls as BenchmarkBusyPoll says: the ConfigMap carries the variable the runner reads
            var options = File.ReadAllText(Directory.GetFiles(folder, "*options*.yaml").Single());
            Assert.Contains("PODBENCH_BUSY_POLL_US: \"20000\"", options);
            Assert.Contains("PODBENCH_ARRIVAL_STAMPS: \"0\"", options);
            Assert.DoesNotContain(Directory.GetFiles(folder, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("sk-never-inlined-91c2", StringComparison.Ordinal));

            // Read back as typed objects: every property reached the manifests.
            var job = Load<V1Job>(Path.Combine(folder, "02-pods.yaml"));
            Assert.Equal(2, job.Spec.Completions);
            Assert.Equal("RuntimeDefault", job.Spec.Template.Spec.SecurityContext.SeccompProfile.Type);
            Assert.True(job.Spec.Template.Spec.Containers[0].SecurityContext.ReadOnlyRootFilesystem);
            Assert.Equal("Ignore", job.Spec.PodFailurePolicy.Rules[0].Action);
            Assert.Equal(["--barrier-timeout", "900"], job.Spec.Template.Spec.Containers[0].Args.SkipWhile(a => a != "--barrier-timeout"));
            var claim = Load<V1PersistentVolumeClaim>(Path.Combine(folder, "00-volume.yaml"));
            Assert.Equal("nfs-client", claim.Spec.StorageClassName);
            Assert.Equal("50Gi", claim.Spec.Resources.Requests["storage"].ToString());
            var merge = Load<V1Job>(Path.Combine(folder, "03-merge.yaml")).Spec.Template.Spec;
            Assert.Equal(["--partial", "--baseline", "/data/outputs/nightly-41"], merge.InitContainers[1].Args.SkipWhile(a => a != "--partial"));
            Assert.Equal(["--partial", "--baseline", "/data/outputs/nightly-41"], merge.Containers[0].Args.SkipWhile(a => a != "--partial"));

            // The target is not incremental: the same folder without a storage class gets no storageClassName line.
            var plain = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:KubernetesManifests", "-nologo", $"-p:BenchmarkManifests={folder}",
                 "-p:BenchmarkImage=registry.example.com/bench/multipod:1.0", "-p:BenchmarkRun=nightly-42"],
                RepoPaths.Root);
            Assert.True(plain.ExitCode == 0, plain.Output);
            Assert.Null(Load<V1PersistentVolumeClaim>(Path.Combine(folder, "00-volume.yaml")).Spec.StorageClassName);
            Assert.DoesNotContain("storageClassName", File.ReadAllText(Path.Combine(folder, "00-volume.yaml")), StringComparison.Ordinal);
            Assert.DoesNotContain("--partial", File.ReadAllText(Path.Combine(folder, "03-merge.yaml")), StringComparison.Ordinal);

            // BenchmarkPod: only the Job that reruns that pod.
            var rerun = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:KubernetesManifests", "-nologo", $"-p:BenchmarkManifests={folder}-rerun",
                 "-p:BenchmarkImage=registry.example.com/bench/multipod:1.0", "-p:BenchmarkRun=nightly-42", "-p:BenchmarkPod=1"],
                RepoPaths.Root);
            Assert.True(rerun.ExitCode == 0, rerun.Output);
            var only = Assert.Single(Directory.GetFiles(folder + "-rerun", "*.yaml", SearchOption.AllDirectories));
            Assert.Equal("1", Assert.Single(Load<V1Job>(only).Spec.Template.Spec.Containers[0].Env, e => e.Name == "JOB_COMPLETION_INDEX").Value);

            var missingImage = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-t:KubernetesManifests", "-nologo", $"-p:BenchmarkManifests={folder}-2"], RepoPaths.Root);
            Assert.NotEqual(0, missingImage.ExitCode);
            Assert.Contains("BenchmarkImage is empty", missingImage.Output);
        }
        finally
        {
            foreach (var dir in new[] { folder, folder + "-rerun" })
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }
    }
}
