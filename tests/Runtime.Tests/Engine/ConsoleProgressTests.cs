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
