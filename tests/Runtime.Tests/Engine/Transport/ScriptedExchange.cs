using System;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace PodBench.Runtime.Tests.Engine.Transport;

/// <summary>One request read by <see cref="ScriptedHttpServer"/> and the socket to answer it on.</summary>
internal sealed class ScriptedExchange(Socket socket, string request, int connection, int index)
{
    /// <summary>The raw request: head and body.</summary>
    public string Request { get; } = request;

    /// <summary>Which connection (1, 2, ...) carried it.</summary>
    public int Connection { get; } = connection;

    /// <summary>Its position on that connection (0 for the first request).</summary>
    public int Index { get; } = index;

    public bool Closed { get; private set; }

    public async Task WriteAsync(string text, bool byteByByte = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!byteByByte)
        {
            await socket.SendAsync(bytes, SocketFlags.None);
            return;
        }

        socket.NoDelay = true;
        foreach (var b in bytes)
        {
            await socket.SendAsync(new[] { b }, SocketFlags.None);
            await Task.Delay(TimeSpan.FromMilliseconds(0.2));
        }
    }

    /// <summary>Closes in order (FIN) after what was written.</summary>
    public void Close()
    {
        socket.Shutdown(SocketShutdown.Both);
        socket.Close();
        Closed = true;
    }

    /// <summary>Resets the connection (RST): linger 0, then close.</summary>
    public void Reset()
    {
        socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
        socket.Close();
        Closed = true;
    }
}
