using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Cli.Channel;

/// <summary>
/// The host's end of the channel to one runner process: listens on a Unix domain socket in a folder only this user
/// can open, and hands every JSON line the runner sends to a callback, in order. A line that is not a message is
/// reported as a warning, never dropped in silence.
/// </summary>
public sealed class ChannelListener : IDisposable
{
    private readonly Socket _listener;
    private readonly string _folder;
    private readonly Action<ChannelMessage> _onMessage;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private readonly Task _accepting;

    private ChannelListener(string folder, Action<ChannelMessage> onMessage)
    {
        _folder = folder;
        _onMessage = onMessage;
        SocketPath = Path.Combine(folder, "c.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The socket's path: the value of <see cref="RunnerChannel.Variable"/> for the child.</summary>
    public string SocketPath { get; }

    /// <summary>Starts listening; <paramref name="onMessage"/> is called on a background thread, one message at a time.</summary>
    public static ChannelListener Start(Action<ChannelMessage> onMessage)
    {
        ArgumentNullException.ThrowIfNull(onMessage);

        // A socket path may hold about 100 bytes: a long TMPDIR falls back to /tmp.
        var root = Path.GetTempPath();
        if (root.Length > 60 && !OperatingSystem.IsWindows())
        {
            root = "/tmp";
        }

        var folder = Path.Combine(root, "podbench-ch-" + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Only this user may connect: another local user must not be able to inject diagnostics.
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new ChannelListener(folder, onMessage);
    }

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until every connected runner closed its end and each of its lines
    /// was handed over: call it after the process exited, so that no message is logged after the host's step ends.
    /// </summary>
    public void Drain(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task[] readers;
            lock (_readers)
            {
                readers = [.. _readers];
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !Task.WaitAll(readers, left))
            {
                return;
            }

            // A runner that connected and exited before the accept loop took its connection: wait for that one too.
            bool pending;
            try
            {
                pending = _listener.Poll(0, SelectMode.SelectRead);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            lock (_readers)
            {
                if (!pending && _readers.Count == readers.Length)
                {
                    return;
                }
            }

            Thread.Sleep(10);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_readers)
            {
                _readers.Add(Task.Run(() => ReadAsync(client)));
            }
        }
    }

    private async Task ReadAsync(Socket client)
    {
        using (client)
        {
            using var reader = new StreamReader(new NetworkStream(client, ownsSocket: false), Encoding.UTF8);
            while (await ReadLineAsync(reader).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                ChannelMessage? message;
                try
                {
                    message = ChannelJson.Deserialize(line);
                }
                catch (JsonException e)
                {
                    message = new DiagnosticMessage(DiagnosticSeverity.Warning, $"The runner sent a channel line that is not a message ({e.Message}): {Engine.UrlSecrets.Redact(line[..Math.Min(line.Length, 200)])}");
                }

                if (message is not null)
                {
                    _onMessage(message);
                }
            }
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader)
    {
        try
        {
            return await reader.ReadLineAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            return null; // the runner was killed mid-line: what it sent before stays handed over
        }
    }
}
