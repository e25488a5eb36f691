using System;
using System.Diagnostics;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class LatencyFormulaTests
{
    private static readonly SimulatorOptions Options = new()
    {
        BaseTtft = TimeSpan.FromMilliseconds(20),
        PrefillPerToken = TimeSpan.FromMilliseconds(0.5),
        DecodePerToken = TimeSpan.FromMilliseconds(10),
        DecodeSlowdownPerStream = 0.25,
    };

    [Fact]
    public void Prefill_is_base_plus_per_token()
    {
        using var app = new SimulatorApp(Options, new SimulatorStats());
        Assert.Equal(Ticks(20), app.PrefillTicks(0));
        Assert.Equal(Ticks(20 + 50), app.PrefillTicks(100));
    }

    [Fact]
    public void Decode_slows_down_with_every_other_stream()
    {
        using var app = new SimulatorApp(Options, new SimulatorStats());
        Assert.Equal(Ticks(10), app.DecodeTicks(1));
        Assert.Equal(Ticks(10), app.DecodeTicks(0));
        Assert.Equal(Ticks(10 * 2), app.DecodeTicks(5));
    }

    [Fact]
    public void Max_batch_below_one_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SimulatorApp(Options with { MaxBatch = 0 }, new SimulatorStats()));
        Assert.Contains("MaxBatch", error.Message, StringComparison.Ordinal);
    }

    private static long Ticks(double ms) => (long)(ms / 1000 * Stopwatch.Frequency);
}
