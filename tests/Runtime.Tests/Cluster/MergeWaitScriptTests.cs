using System;
using System.IO;
using System.Linq;
using k8s;
using k8s.Models;
using PodBench.Runtime.Cluster;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>The merge Job's first init container, run by a real sh against a run folder.</summary>
public sealed class MergeWaitScriptTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-wait-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string Script()
    {
        KubernetesManifestWriter.Write(new KubernetesManifestOptions
        {
            PlanName = "p",
            PodCount = 3,
            Image = "i:1",
            RunName = "r1",
            OutputDirectory = Path.Combine(_dir, "k8s"),
            RunnerPath = "/app/p",
            MergeWaitTimeout = TimeSpan.FromSeconds(1),
        });
        var job = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(_dir, "k8s", KubernetesManifestWriter.MergeFile)), null, strict: true).OfType<V1Job>().Single();
        var wait = job.Spec.Template.Spec.InitContainers.Single(c => c.Name == "wait-for-pods");
        Assert.Equal("-c", wait.Args[0]);
        return wait.Args[1].Replace("'/data/outputs/r1'", "'" + Path.Combine(_dir, "outputs", "r1") + "'", StringComparison.Ordinal);
    }

    private void Finish(int pod)
    {
        var pods = Path.Combine(_dir, "outputs", "r1", "pods");
        Directory.CreateDirectory(pods);
        File.WriteAllText(Path.Combine(pods, $"pod-{pod}.json"), "{}");
    }

    [Fact]
    public void Returns_at_once_when_every_pod_has_its_manifest()
    {
        var script = Script();
        Finish(0);
        Finish(1);
        Finish(2);
        var run = ChildProcess.Run("sh", ["-c", script], _dir, TimeSpan.FromMinutes(1));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("all 3 pods finished", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_pods_without_a_manifest_after_the_timeout()
    {
        var script = Script();
        Finish(0);
        var run = ChildProcess.Run("sh", ["-c", script], _dir, TimeSpan.FromMinutes(1));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pods 1 2 wrote no manifest within 1 s", run.Output, StringComparison.Ordinal);
    }
}
