using System;
using System.Linq;
using PodBench.Fuzz;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

public sealed class FuzzHarnessTests
{
    [Theory]
    [InlineData("datasets", 400)]
    [InlineData("http1", 300)]
    public void A_target_survives_a_few_hundred_mutated_inputs(string target, int iterations)
    {
        var options = new FuzzOptions
        {
            Iterations = iterations,
            Duration = TimeSpan.FromMinutes(5),
            Seed = 20261128,
            PerInputTimeout = TimeSpan.FromSeconds(30),
            FindingsFolder = null,
        };

        var report = FuzzRunner.Run(Assert.Single(FuzzTargets.Select(target)), options);

        Assert.True(report.Findings.Count == 0, string.Join("\n", report.Findings.Select(f => $"{f.Kind}: {f.Message}")));
        Assert.Equal(iterations, report.Iterations);
        Assert.True(report.Accepted > 0, "some inputs are valid");
        Assert.True(report.Accepted < iterations, "some inputs are broken");
    }

    [Fact]
    public void A_crashing_target_is_reported_with_its_input()
    {
        var report = FuzzRunner.Run(new ThrowingTarget(), new FuzzOptions { Iterations = 10, FindingsFolder = null, Seed = 1 });
        var finding = Assert.Single(report.Findings);
        Assert.Equal("crash", finding.Kind);
        Assert.Equal(new byte[] { 1, 2, 3 }, finding.Input);
    }

    [Fact]
    public void Targets_are_selected_by_name()
    {
        Assert.Equal("datasets", Assert.Single(FuzzTargets.Select("datasets")).Name);
        Assert.Throws<ArgumentException>(() => FuzzTargets.Select("nope"));
        Assert.Equal(TimeSpan.FromSeconds(5), FuzzOptions.Parse(["--seconds", "5", "--target", "datasets"]).Duration);
    }

    private sealed class ThrowingTarget : IFuzzTarget
    {
        public string Name => "throwing";

        public System.Collections.Generic.IReadOnlyList<byte[]> Seeds { get; } = [[1, 2, 3]];

        public System.Collections.Generic.IReadOnlyList<byte[]> Dictionary { get; } = [[0]];

        public bool Run(byte[] input) => throw new InvalidOperationException("boom");
    }
}
