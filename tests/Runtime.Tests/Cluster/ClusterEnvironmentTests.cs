using System;
using System.Collections.Generic;
using PodBench.Runtime.Cluster;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

public sealed class ClusterEnvironmentTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars)
    {
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in vars)
        {
            map[name] = value;
        }

        return name => map.TryGetValue(name, out var v) ? v : null;
    }

    [Fact]
    public void Pod_index_argument_wins_over_the_completion_index()
    {
        Assert.Equal(2, ClusterEnvironment.PodIndex(2, Env(("JOB_COMPLETION_INDEX", "5"))));
        Assert.Equal(5, ClusterEnvironment.PodIndex(null, Env(("JOB_COMPLETION_INDEX", "5"))));
        Assert.Null(ClusterEnvironment.PodIndex(null, Env()));
    }

    [Theory]
    [InlineData("BENCHMARK_PRESSURE", "maybe")]
    [InlineData("BENCHMARK_PRESSURE_TIME", "-3")]
    [InlineData("BENCHMARK_MAX_WORKERS", "0")]
    [InlineData("BENCHMARK_ENDPOINTS", "a=http://x;a=http://y")]
    [InlineData("BENCHMARK_ENDPOINTS", "nourl")]
    public void Bad_values_name_their_variable(string name, string value)
    {
        var error = Assert.Throws<FormatException>(() => ClusterEnvironment.ReadRunSettings(Env((name, value))));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_variables_leave_the_plan_as_it_is()
    {
        var settings = ClusterEnvironment.ReadRunSettings(Env());
        Assert.Null(settings.Pressure);
        Assert.Null(settings.PressureTime);
        Assert.Null(settings.Endpoint);
        Assert.Empty(settings.Endpoints);
    }
}
