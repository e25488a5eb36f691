using System;
using System.IO;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>
/// What can be checked of deploy/Dockerfile without Docker: its publish step (deploy/publish.sh, the same script the
/// Dockerfile runs) turns a plan into a framework-dependent runner that runs without the SDK.
/// </summary>
[Collection(PublishedPlanCollection.Name)]
public sealed class PublishedRunnerTests(PublishedPlan plan)
{
    [Fact]
    public void Publish_step_of_the_image_yields_a_runner_that_lists_the_plan()
    {
        Assert.True(plan.Publish.ExitCode == 0, plan.Publish.Output);

        // Framework-dependent for one RID: the apphost, the link the image's ENTRYPOINT uses, DuckDB's native library
        // for this platform only, and no runtime of its own.
        Assert.True(File.Exists(Path.Combine(plan.AppDirectory, PublishedPlan.AssemblyName)), plan.Publish.Output);
        Assert.True(File.Exists(plan.Runner));
        Assert.True(File.Exists(Path.Combine(plan.AppDirectory, "libduckdb.so")));
        Assert.False(Directory.Exists(Path.Combine(plan.AppDirectory, "runtimes")));
        Assert.False(File.Exists(Path.Combine(plan.AppDirectory, "System.Private.CoreLib.dll")));

        var list = ChildProcess.Run(plan.Runner, ["list"], plan.NewWorkDirectory(), TimeSpan.FromMinutes(2), PublishedPlan.Environment());
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains("cluster-model-one", list.Output, StringComparison.Ordinal);
        Assert.Contains("cluster-model-two", list.Output, StringComparison.Ordinal);
        Assert.Contains("cluster-model-three", list.Output, StringComparison.Ordinal);
    }
}
