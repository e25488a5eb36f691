using System;
using System.IO;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary>Mistyped MSBuild properties fail the build with a message that names the property, before any pod runs.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("-p:BenchmarkPod=first", "BenchmarkPod: 'first' is not a pod number")]
    [InlineData("-p:BenchmarkPod=7", "BenchmarkPod: the plan has 2 pod(s)")]
    [InlineData("-p:BenchmarkEndpoints=no-such-model=http://127.0.0.1:1", "BenchmarkEndpoints: 'no-such-model' is not a model of the plan")]
    [InlineData("-p:BenchmarkEndpoint=localhost:8000", "BenchmarkEndpoint: 'localhost:8000' is not an http:// or https:// URL")]
    [InlineData("-p:BenchmarkNumPrompts=-3", "BenchmarkNumPrompts: '-3' is not a positive number of prompts")]
    [InlineData("-p:BenchmarkBusyPoll=20ms", "BenchmarkBusyPoll: '20ms' is not a number of microseconds (0 or more)")]
    [InlineData("-p:BenchmarkArrivalStamps=kernel", "BenchmarkArrivalStamps: 'kernel' is not true or false")]
    public void A_bad_property_is_named_and_nothing_is_written(string property, string message)
    {
        var output = Path.Combine(Path.GetTempPath(), "podbench-bad-" + Guid.NewGuid().ToString("N")[..8]);
        var (exitCode, log) = DotnetCli.Run(
            ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", "-p:BenchmarkRun=bad", property],
            RepoPaths.Root);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, log);
        Assert.DoesNotContain("   at ", log);
        Assert.False(Directory.Exists(Path.Combine(output, "bad")), "a run folder was written for a run that never started");
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_a_plain_error()
    {
        // A regular file where the output folder should be: no folder can be made under it, whoever runs the build.
        var blocker = Path.GetTempFileName();
        try
        {
            var (exitCode, log) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:RunBenchmark", "-nologo", $"-p:BenchmarkOutput={blocker}", "-p:BenchmarkRun=r"],
                RepoPaths.Root);

            Assert.NotEqual(0, exitCode);
            Assert.Contains(blocker, log);
            Assert.DoesNotContain("   at ", log);
            Assert.Equal(0, new FileInfo(blocker).Length);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public void MergeBenchmark_without_any_run_says_where_it_looked()
    {
        var output = Path.Combine(Path.GetTempPath(), "podbench-none-" + Guid.NewGuid().ToString("N")[..8]);
        var (exitCode, log) = DotnetCli.Run(
            ["build", RepoPaths.MultiPodProject, "-t:MergeBenchmark", "-nologo", $"-p:BenchmarkOutput={output}"],
            RepoPaths.Root);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"The output folder {output} does not exist", log);
    }
}
