using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using k8s;
using k8s.Models;
using PodBench.Dsl;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>
/// The cluster flow on one machine: the published runner's pods run as separate processes with the arguments and
/// environment of the written manifests (pod index from JOB_COMPLETION_INDEX, options from the ConfigMap, the API
/// key as the Secret would give it), one shared run folder, the start barrier, one real server. One pod is killed
/// mid-run: the merge names it, a partial merge keeps the others, and a rerun of that pod alone completes the run.
/// </summary>
[Collection(PublishedPlanCollection.Name)]
public sealed class MultiPodProcessTests(PublishedPlan plan)
{
    private const string Key = "sk-cluster-test-0042";
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async System.Threading.Tasks.Task Killed_pod_is_named_by_the_merge_and_its_rerun_completes_the_run()
    {
        Assert.True(plan.Publish.ExitCode == 0, plan.Publish.Output);
        await using var server = await SimulatorServer.StartAsync(
            SimulatorOptions.Default with { DecodePerToken = TimeSpan.FromMilliseconds(10), RequiredApiKey = Key });
        var work = plan.NewWorkDirectory();
        var data = Path.Combine(work, "data");

        // 1. The manifests, written by the runner's own verb.
        var k8s = Path.Combine(work, "k8s");
        var manifests = ChildProcess.Run(plan.Runner, ["manifests", "--out", k8s, "--image", "registry.example.com/cluster:1", "--run", "r1", "--endpoint", server.BaseUrl.ToString().TrimEnd('/'), "--api-key-secret", "llm-key"], work, Long, PublishedPlan.Environment());
        Assert.True(manifests.ExitCode == 0, manifests.Output);
        var job = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(k8s, KubernetesManifestWriter.PodsFile)), null, strict: true).OfType<V1Job>().Single();
        var options = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(k8s, KubernetesManifestWriter.OptionsFile)), null, strict: true).OfType<V1ConfigMap>().Single();
        var merge = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(k8s, KubernetesManifestWriter.MergeFile)), null, strict: true).OfType<V1Job>().Single();
        Assert.Equal(3, job.Spec.Completions);
        var container = job.Spec.Template.Spec.Containers.Single();
        var mount = container.VolumeMounts.Single(m => m.MountPath != "/tmp").MountPath; // the other is the emptyDir for temp files

        // 2. Each pod as Kubernetes would start it: args with $(JOB_COMPLETION_INDEX) expanded, the volume at a local folder.
        RunningChild StartPod(int pod)
        {
            var env = new Dictionary<string, string>(options.Data)
            {
                ["JOB_COMPLETION_INDEX"] = pod.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["BENCHMARK_NODE_NAME"] = "node-" + pod,
                ["BENCHMARK_API_KEY"] = Key, // what secretKeyRef puts there
            };
            foreach (var literal in container.Env.Where(e => e.Value is not null && e.Name != "JOB_COMPLETION_INDEX"))
            {
                // TMPDIR and the bundle folder point at the pod's emptyDir: here a folder of its own.
                env[literal.Name] = literal.Value == "/tmp" ? Directory.CreateDirectory(Path.Combine(work, "tmp-" + pod)).FullName : literal.Value;
            }

            var args = container.Args.Select(a => Local(a.Replace("$(JOB_COMPLETION_INDEX)", env["JOB_COMPLETION_INDEX"], StringComparison.Ordinal), mount, data));
            return RunningChild.Start(plan.Runner, args, work, PublishedPlan.Environment(env));
        }

        var runDir = Path.Combine(data, "outputs", "r1");
        using var pod0 = StartPod(0);
        using var pod1 = StartPod(1);
        Thread.Sleep(1500); // a late pod: the barrier must hold the others
        using var pod2 = StartPod(2);

        // Kill pod 1 once a few of its requests are on disk.
        var details = Path.Combine(runDir, "performances", "cluster-model-two", "cluster-long_details.jsonl");
        var watch = Stopwatch.StartNew();
        while (Lines(details) < 3 && !pod1.HasExited && watch.Elapsed < Long)
        {
            Thread.Sleep(50);
        }

        Assert.False(pod1.HasExited, pod1.Output);
        pod1.Kill();
        var kept = Lines(details);
        Assert.True(kept >= 3);

        var done0 = pod0.WaitForExit(Long);
        var done2 = pod2.WaitForExit(Long);
        Assert.True(done0.ExitCode == 0, done0.Output);
        Assert.True(done2.ExitCode == 0, done2.Output);
        // The pods' temp files (DuckDB's spill folder) went to TMPDIR, the emptyDir under a read-only root file system.
        Assert.True(Directory.Exists(Path.Combine(work, "tmp-0", "podbench-duckdb")), "pod 0 wrote no temp folder under its TMPDIR");

        // Every pod met at the barrier and started at one instant.
        var skew = ClockSkewReport.FromBarrier(runDir, 3);
        Assert.Equal([0, 1, 2], skew.Pods.Select(p => p.Pod));
        Assert.NotNull(skew.StartUtcNs);
        Assert.Equal("node-1", skew.Pods[1].Node);
        // A pod records its start after its measured phase (nothing but the sends runs at the instant): pod 1, killed
        // while measuring, has none.
        Assert.All(new[] { 0, 2 }, p => Assert.Equal(skew.StartUtcNs, PodBarrier.ReadStart(runDir, p)!.StartUtcNs));
        Assert.Null(PodBarrier.ReadStart(runDir, 1));

        // 3. The merge step of the merge Job names the dead pod and refuses a silent partial result.
        var mergeArgs = merge.Spec.Template.Spec.InitContainers.Single(c => c.Name == "merge").Args.Select(a => Local(a, mount, data)).ToList();
        var refused = ChildProcess.Run(plan.Runner, mergeArgs, work, Long, PublishedPlan.Environment(options.Data.ToDictionary()));
        Assert.True(refused.ExitCode != 0, refused.Output);
        Assert.Contains("pod 1", refused.Output, StringComparison.Ordinal);
        Assert.Contains("died", refused.Output, StringComparison.Ordinal);

        // A partial merge keeps the pods that finished and says which one is missing.
        var partial = ChildProcess.Run(plan.Runner, [.. mergeArgs, "--partial"], work, Long, PublishedPlan.Environment(options.Data.ToDictionary()));
        Assert.True(partial.ExitCode == 0, partial.Output);
        Assert.Contains("PARTIAL", partial.Output, StringComparison.Ordinal);
        var merged = File.ReadAllText(Path.Combine(runDir, "performances", "merge_results", "merged_details.jsonl"));
        Assert.Contains("cluster-small", merged, StringComparison.Ordinal);

        // 4. A rerun of pod 1 alone, as rerun/rerun-pod-1.yaml runs it, sends only what is missing and completes the run.
        var rerunJob = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(k8s, KubernetesManifestWriter.RerunFile(1))), null, strict: true).OfType<V1Job>().Single();
        var rerunContainer = rerunJob.Spec.Template.Spec.Containers.Single();
        var index = rerunContainer.Env.Single(e => e.Name == "JOB_COMPLETION_INDEX").Value;
        var rerunEnv = new Dictionary<string, string>(options.Data) { ["JOB_COMPLETION_INDEX"] = index, ["BENCHMARK_API_KEY"] = Key };
        var rerunArgs = rerunContainer.Args.Select(a => Local(a.Replace("$(JOB_COMPLETION_INDEX)", index, StringComparison.Ordinal), mount, data));
        var rerun = ChildProcess.Run(plan.Runner, rerunArgs, work, Long, PublishedPlan.Environment(rerunEnv));
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Contains("resume: ", rerun.Output, StringComparison.Ordinal);
        Assert.True(PodBarrier.ReadStart(runDir, 1)!.Rerun);
        Assert.Equal(12, Lines(details));

        var complete = ChildProcess.Run(plan.Runner, mergeArgs, work, Long, PublishedPlan.Environment(options.Data.ToDictionary()));
        Assert.True(complete.ExitCode == 0, complete.Output);
        Assert.DoesNotContain("PARTIAL", complete.Output, StringComparison.Ordinal);

        // A user who only merges loads no Kestrel and no Kubernetes client (issue 17): the same merge once more, in a
        // runner whose startup hook writes every assembly it loaded.
        var loadedFile = Path.Combine(work, "merge-assemblies.txt");
        var hooked = new Dictionary<string, string>(options.Data)
        {
            ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
            [StartupHook.Variable] = loadedFile,
        };
        var again = ChildProcess.Run(plan.Runner, mergeArgs, work, Long, PublishedPlan.Environment(hooked));
        Assert.True(again.ExitCode == 0, again.Output);
        var loaded = File.ReadAllLines(loadedFile);
        Assert.Contains("PodBench.Analysis", loaded); // the hook saw the merge itself
        Assert.Contains("DuckDB.NET.Data", loaded);
        Assert.DoesNotContain(loaded, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n == "KubernetesClient" || n == "PodBench.Simulator" || n == "PodBench.Cluster");

        // The key went to the server (it requires it) and into no file of the run.
        foreach (var file in Directory.EnumerateFiles(runDir, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Key, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private static string Local(string argument, string mount, string data) =>
        argument.StartsWith(mount + "/", StringComparison.Ordinal) ? data + argument[mount.Length..] : argument;

    private static int Lines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var n = 0;
            while (reader.ReadLine() is { Length: > 0 })
            {
                n++;
            }

            return n;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
    }
}
