using System;
using System.Text.RegularExpressions;
using PodBench.Runtime.Cli;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

public sealed class RunnerCpuTests
{
    [Fact]
    public void Steps_after_the_load_add_up_per_name_in_the_order_they_first_ended()
    {
        var name = "step-" + Guid.NewGuid().ToString("N");
        var other = "other-" + Guid.NewGuid().ToString("N");
        var first = RunnerCpu.StepStarted();
        Spin(TimeSpan.FromMilliseconds(30));
        RunnerCpu.StepEnded(name, first);
        RunnerCpu.StepEnded(other, RunnerCpu.StepStarted());
        var second = RunnerCpu.StepStarted();
        Spin(TimeSpan.FromMilliseconds(30));
        RunnerCpu.StepEnded(name, second);

        var line = RunnerCpu.DescribeSteps();
        Assert.NotNull(line);
        Assert.StartsWith("after the load, CPU s (wall s): ", line, StringComparison.Ordinal);
        var mine = Regex.Match(line, @"(\d+\.\d\d) \((\d+\.\d\d)\) " + name);
        Assert.True(mine.Success, line);
        Assert.Single(Regex.Matches(line, name));
        // two 30 ms spins of the same step, added: at least 0.06 s of wall time (printed to 0.01 s)
        Assert.True(double.Parse(mine.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 0.05, line);
        Assert.True(line.IndexOf(name, StringComparison.Ordinal) < line.IndexOf(other, StringComparison.Ordinal), line);
    }

    private static void Spin(TimeSpan time)
    {
        var until = DateTime.UtcNow + time;
        while (DateTime.UtcNow < until)
        {
        }
    }
}
