using System;
using System.IO;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class ConsoleProgressTests
{
    [Fact]
    public void Plain_mode_writes_a_prefixed_line_every_interval()
    {
        var writer = new StringWriter();
        var progress = new ConsoleProgress("[pod 0] m/d", writer, interactive: false, plainInterval: TimeSpan.FromSeconds(5));
        progress.OnStarted(new ProgressStart("m/d", 0, 100, null, 4));
        progress.OnProgress(new ProgressSnapshot(TimeSpan.FromSeconds(1), 10, 3, 4, 5, 1, 200, 300));
        progress.OnProgress(new ProgressSnapshot(TimeSpan.FromSeconds(5), 50, 3, 4, 40, 2, 1000, 3000));
        progress.OnProgress(new ProgressSnapshot(TimeSpan.FromSeconds(6), 60, 3, 4, 50, 2, 1200, 3600));
        progress.OnFinished(new ProgressSnapshot(TimeSpan.FromSeconds(8), 100, 0, 0, 97, 3, 1600, 5000));
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("[pod 0] m/d started: 100 requests, concurrency 4", lines[0]);
        Assert.Equal("[pod 0] m/d 5.0 s | sent 50/100 | receiving 3 | finished 42 | failed 2 | 200.0 tok/s", lines[1]);
        Assert.Equal("[pod 0] m/d 8.0 s | sent 100/100 | receiving 0 | finished 100 | failed 3 | 200.0 tok/s (done)", lines[2]);
        Assert.DoesNotContain('\r', writer.ToString());
    }

    [Fact]
    public void Lines_name_stalled_requests_and_the_warm_up_is_shown_before_the_start()
    {
        var writer = new StringWriter();
        var progress = new ConsoleProgress("[p]", writer, interactive: false, plainInterval: TimeSpan.FromSeconds(5));
        progress.OnWarmUp(new ProgressSnapshot(TimeSpan.FromSeconds(2), 1, 0, 1, 0, 0, 0, 0) { Stalled = 1, LongestWait = TimeSpan.FromSeconds(2) });
        progress.OnWarmUp(new ProgressSnapshot(TimeSpan.FromSeconds(6), 1, 0, 1, 0, 0, 0, 0) { Stalled = 1, LongestWait = TimeSpan.FromSeconds(6.4) });
        progress.OnStarted(new ProgressStart("m/d", 0, 10, null, 2));
        progress.OnProgress(new ProgressSnapshot(TimeSpan.FromSeconds(5), 2, 1, 2, 0, 0, 0, 4) { Stalled = 2, LongestWait = TimeSpan.FromSeconds(61.7) });
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "[p] warm-up 6.0 s | sent 1 | finished 0 | failed 0 | stalled 1 (longest wait 6 s)",
                "[p] started: 10 requests, concurrency 2",
                "[p] 5.0 s | sent 2/10 | receiving 1 | finished 0 | failed 0 | 0.0 tok/s | stalled 2 (longest wait 62 s)",
            ],
            lines);
    }

    [Fact]
    public void Terminal_mode_redraws_one_line()
    {
        var writer = new StringWriter();
        var progress = new ConsoleProgress("[pod 1] a/b", writer, interactive: true);
        progress.OnStarted(new ProgressStart("a/b", 1, null, TimeSpan.FromSeconds(10), 2));
        progress.OnProgress(new ProgressSnapshot(TimeSpan.FromSeconds(1), 10, 2, 2, 8, 0, 100, 100));
        progress.OnProgress(new ProgressSnapshot(TimeSpan.FromSeconds(2), 20, 2, 2, 18, 0, 200, 200));
        progress.OnFinished(new ProgressSnapshot(TimeSpan.FromSeconds(3), 22, 0, 0, 22, 0, 300, 300));
        var text = writer.ToString();
        Assert.StartsWith("[pod 1] a/b started: pressure for 10 s, concurrency 2", text);
        Assert.Equal(3, text.Split('\r').Length - 1);
        Assert.EndsWith("(done)" + Environment.NewLine, text);
    }
}
