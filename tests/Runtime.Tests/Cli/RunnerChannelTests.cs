using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using PodBench.Runtime.Cli.Channel;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

public sealed class RunnerChannelTests
{
    [Fact]
    public void Every_message_sent_arrives_typed_and_in_order_before_drain_returns()
    {
        var received = new ConcurrentQueue<ChannelMessage>();
        using var listener = ChannelListener.Start(received.Enqueue);
        using (var channel = RunnerChannel.Connect(listener.SocketPath))
        {
            Assert.NotNull(channel);
            Assert.True(channel.Send(new ReadyMessage("http://127.0.0.1:4321")));
            for (var i = 0; i < 500; i++)
            {
                Assert.True(channel.Send(new DiagnosticMessage(DiagnosticSeverity.Warning, $"w{i}") { Code = "PB0001", File = "data/qa.jsonl", Line = i + 1 }));
            }

            Assert.True(channel.Send(new WroteMessage("/tmp/report.html")));
        }

        listener.Drain(TimeSpan.FromSeconds(10));
        var all = received.ToArray();
        Assert.Equal(502, all.Length);
        Assert.Equal("http://127.0.0.1:4321", Assert.IsType<ReadyMessage>(all[0]).Url);
        var diagnostics = all.OfType<DiagnosticMessage>().ToArray();
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"w{i}"), diagnostics.Select(d => d.Text));
        Assert.All(diagnostics, d => Assert.Equal(("PB0001", "data/qa.jsonl", DiagnosticSeverity.Warning), (d.Code, d.File, d.Severity)));
        Assert.Equal(500, diagnostics[^1].Line);
        Assert.Equal("/tmp/report.html", Assert.IsType<WroteMessage>(all[^1]).Path);
    }

    [Fact]
    public void A_line_that_is_not_a_message_becomes_a_warning_and_the_rest_still_arrives()
    {
        var received = new ConcurrentQueue<ChannelMessage>();
        using var listener = ChannelListener.Start(received.Enqueue);
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Connect(new UnixDomainSocketEndPoint(listener.SocketPath));
            socket.Send(Encoding.UTF8.GetBytes("{\"kind\":\"nonsense\"}\nnot json at all\n{\"kind\":\"wrote\",\"path\":\"/x\"}\n"));
        }

        listener.Drain(TimeSpan.FromSeconds(10));
        var all = received.ToArray();
        Assert.Equal(3, all.Length);
        Assert.All(all.Take(2), m => Assert.Equal(DiagnosticSeverity.Warning, Assert.IsType<DiagnosticMessage>(m).Severity));
        Assert.Equal("/x", Assert.IsType<WroteMessage>(all[2]).Path);
    }

    [Fact]
    public void Without_a_channel_diagnostics_are_the_text_lines_people_read()
    {
        Assert.Equal("error: the run failed", RunnerDiagnostics.Format(new DiagnosticMessage(DiagnosticSeverity.Error, "the run failed")));
        Assert.Equal("warning PB0022: retry", RunnerDiagnostics.Format(new DiagnosticMessage(DiagnosticSeverity.Warning, "retry") { Code = "PB0022" }));
        Assert.Equal("data/qa.jsonl(17): error: \"question\" is missing", RunnerDiagnostics.Format(new DiagnosticMessage(DiagnosticSeverity.Error, "\"question\" is missing") { File = "data/qa.jsonl", Line = 17 }));
        Assert.Equal("error: SLO gate failed: p99", RunnerDiagnostics.Format(new DiagnosticMessage(DiagnosticSeverity.Gate, "SLO gate failed: p99")));

        // This test process has no channel: the runner prints, as before.
        using var output = new StringWriter();
        RunnerDiagnostics.Warning(output, "key http://u:secret@h/ leaked?");
        Assert.Equal("warning: key http://***@h/ leaked?", output.ToString().TrimEnd());
    }

    [Fact]
    public void The_socket_folder_is_private_and_removed_on_dispose()
    {
        string folder;
        using (var listener = ChannelListener.Start(_ => { }))
        {
            folder = Path.GetDirectoryName(listener.SocketPath)!;
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            }
        }

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Connecting_to_nobody_is_no_channel()
    {
        Assert.Null(RunnerChannel.Connect(null));
        Assert.Null(RunnerChannel.Connect(Path.Combine(Path.GetTempPath(), "podbench-nobody-" + Guid.NewGuid().ToString("N")[..8] + ".sock")));
    }
}
