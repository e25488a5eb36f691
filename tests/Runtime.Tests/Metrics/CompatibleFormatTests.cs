using PodBench.Runtime.Metrics;
using Xunit;

namespace PodBench.Runtime.Tests.Metrics;

public sealed class CompatibleFormatTests
{
    /// <summary>Expected values are Python 3's <c>round(x, n)</c>, checked with the interpreter.</summary>
    [Theory]
    [InlineData(2.675, 2, 2.67)]       // binary 2.67499999...: not a tie
    [InlineData(0.125, 2, 0.12)]       // exact tie: half to even
    [InlineData(0.375, 2, 0.38)]       // exact tie: half to even
    [InlineData(0.00015, 4, 0.0001)]   // binary 0.000149999...
    [InlineData(0.00025, 4, 0.0003)]   // binary 0.000250000...05
    [InlineData(-0.00015, 4, -0.0001)]
    [InlineData(7.63775, 4, 7.6377)]   // Math.Round(x, 4) (scale by 1e4, round) gives 7.6378
    [InlineData(0.27975, 4, 0.2797)]   // Math.Round gives 0.2798
    [InlineData(4.95435, 4, 4.9543)]
    [InlineData(123456.0, 4, 123456.0)]
    [InlineData(1e-9, 4, 0.0)]
    public void PyRound_matches_python(double x, int digits, double expected)
    {
        Assert.Equal(expected, CompatibleFormat.PyRound(x, digits));
    }

    [Fact]
    public void PyRound_differs_from_Math_Round_where_python_does()
    {
        Assert.NotEqual(System.Math.Round(7.63775, 4), CompatibleFormat.PyRound(7.63775, 4));
        Assert.True(double.IsNegative(CompatibleFormat.PyRound(-0.00001, 4))); // Python: -0.0
    }

    /// <summary>Python's <c>repr(float)</c>, checked with the interpreter.</summary>
    [Theory]
    [InlineData(1e-05, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012345, "0.00012345")]
    [InlineData(512.0, "512.0")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1e22, "1e+22")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(41.6254, "41.6254")]
    public void PyRepr_matches_python(double x, string expected)
    {
        Assert.Equal(expected, CompatibleFormat.PyRepr(x));
    }

    [Fact]
    public void PyRepr_is_shortest_round_trip()
    {
        Assert.Equal("0.30000000000000004", CompatibleFormat.PyRepr(0.1 + 0.2));
    }

    /// <summary>round(v, 4) in seconds, then round(v * 1000, 4): 0.0041 * 1000 = 4.1000000000000005 needs the second rounding.</summary>
    [Theory]
    [InlineData(0.0041, "4.1 ms")]
    [InlineData(0.0049, "4.9 ms")]
    [InlineData(0.00015, "0.1 ms")]      // 0.0001 s
    [InlineData(0.00025, "0.3 ms")]      // 0.0003 s
    [InlineData(12.30024, "12300.2 ms")] // 12.3002 s
    [InlineData(0.0, "0.0 ms")]
    [InlineData(1.1235, "1123.5 ms")]
    [InlineData(100000.0, "100000000.0 ms")]
    public void Times_are_rounded_in_seconds_then_converted(double seconds, string expected)
    {
        Assert.Equal(expected, CompatibleFormat.TimeMs(seconds));
    }

    [Fact]
    public void Units_and_bare_numbers()
    {
        Assert.Equal("41.6254 token/s", CompatibleFormat.TokenRate(41.62537));
        Assert.Equal("512.0", CompatibleFormat.Tokens(512));
        Assert.Equal("1512.5", CompatibleFormat.Tokens(1512.5));
        Assert.Equal("0.0813 req/s", CompatibleFormat.Global(new GlobalValue("Request Throughput", "total", 0.08125000001, "req/s")));
        Assert.Equal("100", CompatibleFormat.Global(new GlobalValue("Total Requests", "total", 100, "") { Integer = true }));
        Assert.Equal("4.0", CompatibleFormat.Global(new GlobalValue("Concurrency", "total", 3.99999, "")));
        Assert.Equal("1234.5678 ms", CompatibleFormat.Global(new GlobalValue("Benchmark Duration", "total", 1234.56781, "ms")));
    }
}
