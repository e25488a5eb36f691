using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using PodBench.Runtime.Engine.Transport;

namespace PodBench.LoadCeiling;

/// <summary>
/// A one-thread streaming server for the lag cases: the same events as <see cref="RawServer"/> (role, content
/// chunks, usage, [DONE], chunked), but one thread accepts, reads requests and sends every event itself, reading
/// <c>x_sim_ts</c> right before the <c>send</c> call. Kestrel runs many threads, and one preempted between its stamp
/// and its send counts that wait as client lag; here nothing runs between the two.
/// </summary>
internal static unsafe class PacedServer
{
    private static readonly byte[] ResponseHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"u8.ToArray();
    private static readonly byte[] ModelsResponse = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n{\"data\":[{\"id\":\"raw\"}]}"u8.ToArray();

    /// <summary>Listens on a free loopback port, prints <c>LISTENING url</c> and serves until the process ends.</summary>
    public static void Run(int chunks, double delayMs, double jitter)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4096);
        listener.Blocking = false;
        var epfd = EpollNative.EpollCreate(EpollNative.EpollCloexec);
        Add(epfd, (int)listener.SafeHandle.DangerousGetHandle(), -1);
        Console.WriteLine($"LISTENING http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/");

        var connections = new Dictionary<long, Stream>();
        var due = new PriorityQueue<Stream, long>();
        var delayTicks = delayMs * Stopwatch.Frequency / 1000;
        var random = new Random(1);
        var events = (byte*)NativeMemory.Alloc((nuint)(256 * EpollNative.EventSize));
        var frame = new byte[1024];
        var nextId = 0L;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            while (due.TryPeek(out var stream, out var at) && at <= now)
            {
                due.Dequeue();
                if (!stream.Closed && SendNext(stream, chunks, frame))
                {
                    var pause = jitter > 0 ? delayTicks * (1 - jitter + (2 * jitter * random.NextDouble())) : delayTicks;
                    due.Enqueue(stream, Stopwatch.GetTimestamp() + (long)pause);
                }

                now = Stopwatch.GetTimestamp();
            }

            var timeout = due.TryPeek(out _, out var next) ? (int)Math.Ceiling((next - now) * 1000.0 / Stopwatch.Frequency) : -1;
            var n = EpollNative.EpollWait(epfd, events, 256, timeout);
            for (var i = 0; i < n; i++)
            {
                var id = EpollNative.ReadData(events, i);
                if (id == -1)
                {
                    Accept(listener, epfd, connections, ref nextId);
                }
                else if (connections.TryGetValue(id, out var stream) && !Receive(stream, frame))
                {
                    stream.Closed = true;
                    connections.Remove(id);
                    EpollNative.EpollCtl(epfd, EpollNative.CtlDel, (int)stream.Socket.SafeHandle.DangerousGetHandle(), null);
                    stream.Socket.Dispose();
                }
                else if (stream is { Next: 0, HasRequest: true })
                {
                    stream.HasRequest = false;
                    if (stream.WantsModels)
                    {
                        stream.Socket.Send(ModelsResponse);
                    }
                    else
                    {
                        due.Enqueue(stream, 0);
                    }
                }
            }
        }
    }

    private static void Add(int epfd, int fd, long id)
    {
        var ev = stackalloc byte[16];
        EpollNative.WriteEvent(ev, EpollNative.EpollIn, id);
        EpollNative.EpollCtl(epfd, EpollNative.CtlAdd, fd, ev);
    }

    private static void Accept(Socket listener, int epfd, Dictionary<long, Stream> connections, ref long nextId)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = listener.Accept();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                return;
            }

            socket.Blocking = false;
            socket.NoDelay = true;
            var id = nextId++;
            connections[id] = new Stream(socket);
            Add(epfd, (int)socket.SafeHandle.DangerousGetHandle(), id);
        }
    }

    /// <summary>Reads what arrived; marks a whole request. False when the client closed the connection.</summary>
    private static bool Receive(Stream stream, byte[] scratch)
    {
        while (true)
        {
            var read = stream.Socket.Receive(scratch, 0, scratch.Length, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                break;
            }

            if (error != SocketError.Success || read == 0)
            {
                return false;
            }

            stream.Request.Append(Encoding.ASCII.GetString(scratch, 0, read));
        }

        var text = stream.Request.ToString();
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            return true;
        }

        var length = 0;
        foreach (var line in text[..headEnd].Split("\r\n"))
        {
            if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["content-length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (text.Length - headEnd - 4 < length)
        {
            return true;
        }

        stream.WantsModels = text.StartsWith("GET", StringComparison.Ordinal);
        stream.Request.Remove(0, headEnd + 4 + length);
        stream.HasRequest = true;
        return true;
    }

    /// <summary>Sends the stream's next event (the head goes with the first); false after the last.</summary>
    private static bool SendNext(Stream stream, int chunks, byte[] frame)
    {
        var i = stream.Next++;
        var at = 0;
        if (i == 0)
        {
            ResponseHead.CopyTo(frame, 0);
            at = ResponseHead.Length;
        }

        // the payload goes 8 bytes in, leaving room for its hex length and CRLF in front
        var payloadStart = at + 8;
        var p = payloadStart + RawServer.WriteEvent(frame.AsSpan(payloadStart), i, chunks);
        var last = i > chunks;
        if (last)
        {
            RawServer.Done.CopyTo(frame, p);
            p += RawServer.Done.Length;
        }

        var size = p - payloadStart;
        Span<byte> hex = stackalloc byte[8];
        Utf8Formatter.TryFormat(size, hex, out var hexLength, new StandardFormat('X'));
        var sizeStart = payloadStart - hexLength - 2;
        hex[..hexLength].CopyTo(frame.AsSpan(sizeStart));
        frame[payloadStart - 2] = (byte)'\r';
        frame[payloadStart - 1] = (byte)'\n';
        "\r\n"u8.CopyTo(frame.AsSpan(p));
        p += 2;
        if (last)
        {
            "0\r\n\r\n"u8.CopyTo(frame.AsSpan(p));
            p += 5;
            stream.Next = 0;
        }

        if (i == 0)
        {
            // the response head sits before the chunk size: move the chunk up against it
            frame.AsSpan(sizeStart, p - sizeStart).CopyTo(frame.AsSpan(at));
            p = at + (p - sizeStart);
            sizeStart = 0;
        }

        stream.Socket.Send(frame, sizeStart, p - sizeStart, SocketFlags.None, out _);
        return !last;
    }

    private sealed class Stream(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public StringBuilder Request { get; } = new();

        public int Next { get; set; }

        public bool HasRequest { get; set; }

        public bool WantsModels { get; set; }

        public bool Closed { get; set; }
    }
}
