using System;
using System.Diagnostics;
using System.Linq;
using PodBench.Runtime.Cli;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

/// <summary>The processes a runner watches: named with their start times, gone when they end or their pid is reused.</summary>
public sealed class ParentWatchTests
{
    [Fact]
    public void A_child_watches_this_process_first_and_sees_it_alive()
    {
        var watched = ParentWatch.Parse(ParentWatch.ForChild());

        Assert.Equal(Environment.ProcessId, watched[0].Pid);
        Assert.All(watched, w => Assert.True(ParentWatch.IsAlive(w.Pid, w.StartTime), $"process {w.Pid} should be alive"));
        Assert.Equal(watched.Count, watched.Select(w => w.Pid).Distinct().Count());
    }

    [Fact]
    public void An_ended_process_and_a_reused_pid_are_gone()
    {
        var me = ParentWatch.Parse(ParentWatch.ForChild())[0];
        Assert.False(ParentWatch.IsAlive(me.Pid, me.StartTime + 1), "another start time is another process");

        using var child = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        var pid = child.Id;
        child.WaitForExit();
        Assert.False(ParentWatch.IsAlive(pid, 0));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("12:34", 1)]
    [InlineData("12:34,56:0, 78:9 ", 3)]
    [InlineData("x:1,1:5,12,-3:4", 1)]
    public void The_variable_is_parsed_and_bad_entries_skipped(string value, int count) => Assert.Equal(count, ParentWatch.Parse(value).Count);
}
