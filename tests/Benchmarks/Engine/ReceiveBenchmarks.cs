using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using PodBench.Runtime.Engine.Transport;

namespace PodBench.Benchmarks.Engine;

/// <summary>
/// What an arrival stamp costs the socket loop: one op is one 64-byte event sent over loopback and read back, by a
/// plain <c>recv</c> (the baseline) or by a <c>recvmsg</c> that also returns the kernel's receive timestamp and
/// places it on the monotonic clock (<see cref="ArrivalStamps.Receive"/>). Both pay the send and the TCP path.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public unsafe class ReceiveBenchmarks
{
    private readonly byte[] _event = new byte[64];
    private readonly byte[] _buffer = new byte[4096];
    private Socket _listener = null!;
    private (Socket Client, Socket Server) _plain;
    private (Socket Client, Socket Server) _stamped;

    [GlobalSetup]
    public void Setup()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _plain = Connect();
        _stamped = Connect();
        if (!ArrivalStamps.TryEnable(_stamped.Client))
        {
            throw new System.InvalidOperationException("this machine gives no arrival stamps");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var socket in new[] { _plain.Client, _plain.Server, _stamped.Client, _stamped.Server, _listener })
        {
            socket.Dispose();
        }
    }

    /// <summary>Send an event, read it with <c>recv</c>.</summary>
    [Benchmark(Baseline = true)]
    public long Recv()
    {
        _plain.Server.Send(_event);
        fixed (byte* p = _buffer)
        {
            return EpollNative.Recv((int)_plain.Client.SafeHandle.DangerousGetHandle(), p, _buffer.Length, 0);
        }
    }

    /// <summary>Send an event, read it with <c>recvmsg</c> and place its arrival stamp on the monotonic clock.</summary>
    [Benchmark]
    public long RecvWithArrivalStamp()
    {
        _stamped.Server.Send(_event);
        fixed (byte* p = _buffer)
        {
            ArrivalStamps.Receive((int)_stamped.Client.SafeHandle.DangerousGetHandle(), p, _buffer.Length, 0, out var arrival);
            return arrival;
        }
    }

    private (Socket Client, Socket Server) Connect()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(_listener.LocalEndPoint!);
        var server = _listener.Accept();
        server.NoDelay = true;
        return (client, server);
    }
}
