using System;
using System.IO;
using System.Linq;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>The <c>KubernetesManifests</c> target on the seed's plan: an Indexed Job of its two pods, no secret inlined.</summary>
public sealed class KubernetesManifestsTargetTests
{
    [Fact]
    public void The_target_writes_an_indexed_job_of_the_plans_pods()
    {
        var folder = Path.Combine(Path.GetTempPath(), "podbench-k8s-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exitCode, log) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:KubernetesManifests", "-nologo", $"-p:BenchmarkManifests={folder}",
                 "-p:BenchmarkImage=registry.example.com/bench/multipod:1.0", "-p:BenchmarkRun=nightly-42", "-p:BenchmarkNamespace=bench",
                 "-p:BenchmarkApiKeySecret=llm-api-key", "-p:BenchmarkBusyPoll=20000", "-p:BenchmarkArrivalStamps=false"],
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
            Assert.NotEmpty(Directory.GetFiles(folder, "*merge*.yaml"));
            Assert.NotEmpty(Directory.GetFiles(folder, "*volume*.yaml"));
            Assert.DoesNotContain(Directory.GetFiles(folder, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("sk-never-inlined-91c2", StringComparison.Ordinal));

            var missingImage = DotnetCli.Run(["build", RepoPaths.MultiPodProject, "-t:KubernetesManifests", "-nologo", $"-p:BenchmarkManifests={folder}-2"], RepoPaths.Root);
            Assert.NotEqual(0, missingImage.ExitCode);
            Assert.Contains("BenchmarkImage is empty", missingImage.Output);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
