using System;
using System.IO;
using System.Net.Sockets;

namespace PodBench.Runtime.Cli.Channel;

/// <summary>
/// The runner's end of the channel to the process that started it: a Unix domain socket whose path the host puts in
/// <see cref="Variable"/> (<see cref="ChannelListener"/>). Without that variable (a cluster pod, a user at a shell)
/// there is no channel and the runner's messages are plain text lines.
/// </summary>
public sealed class RunnerChannel : IDisposable
{
    /// <summary>The environment variable holding the channel's socket path.</summary>
    public const string Variable = "PODBENCH_CHANNEL";

    private static readonly Lazy<RunnerChannel?> Connected = new(() => Connect(Environment.GetEnvironmentVariable(Variable)));

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly object _gate = new();
    private bool _broken;

    private RunnerChannel(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>This process's channel to its host; null when it was started without one.</summary>
    public static RunnerChannel? Current => Connected.Value;

    /// <summary>Connects to the socket at <paramref name="path"/>; null when the path is empty or nobody listens there.</summary>
    public static RunnerChannel? Connect(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return new RunnerChannel(socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            Console.Error.WriteLine($"warning: the host's channel {path} cannot be reached ({e.SocketErrorCode}); messages go to the console only.");
            return null;
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> as one line; false when the host is gone (the caller then prints it).
    /// Safe from any thread.
    /// </summary>
    public bool Send(ChannelMessage message)
    {
        var line = ChannelJson.Serialize(message);
        lock (_gate)
        {
            if (_broken)
            {
                return false;
            }

            try
            {
                _stream.Write(line);
                _stream.WriteByte((byte)'\n');
                return true;
            }
            catch (IOException)
            {
                _broken = true;
                return false;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }
}
