using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Engine.Transport;
using Xunit;

namespace PodBench.Runtime.Tests.Engine.Transport;

/// <summary>
/// <see cref="EpollLoop.ReadsFirst"/>: work awaiting it runs on the loop thread, and only after every read that was
/// ready when it was queued.
/// </summary>
[Collection(LoopHoldingCollection.Name)]
public sealed class EpollLoopTests
{
    [Fact]
    public async Task ReadsFirst_moves_the_continuation_from_any_thread_onto_the_loop()
    {
        var names = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await EpollLoop.ReadsFirst();
            return Thread.CurrentThread.Name;
        })));

        Assert.All(names, name => Assert.Equal("podbench-epoll", name));
    }

    [Fact]
    public async Task Work_queued_from_a_read_runs_after_the_other_reads_that_were_ready()
    {
        using var listener = Listen();
        var (first, firstServer) = await ConnectAsync(listener);
        var (second, secondServer) = await ConnectAsync(listener);
        using (first)
        using (second)
        using (firstServer)
        using (secondServer)
        {
            var order = new ConcurrentQueue<string>();
            var firstDone = Task.Run(async () =>
            {
                await first.ReadAsync(new byte[16]);
                order.Enqueue("read 1");
                await EpollLoop.ReadsFirst();
                order.Enqueue("deferred");
            });
            var secondDone = Task.Run(async () =>
            {
                await second.ReadAsync(new byte[16]);
                order.Enqueue("read 2");
            });

            // hold the loop while both sockets fill, so that one wake-up finds both ready
            using (await LoopHold.StartAsync())
            {
                await Task.Delay(100);
                firstServer.Send([1]);
                secondServer.Send([2]);
                await Task.Delay(100);
            }

            await Task.WhenAll(firstDone, secondDone).WaitAsync(TimeSpan.FromSeconds(10));

            // the two reads in either order (as epoll lists them), the deferred work after both
            var seen = order.ToArray();
            Assert.Equal(3, seen.Length);
            Assert.Equal("deferred", seen[2]);
            Assert.Equal(["read 1", "read 2"], seen[..2].Order());
        }
    }

    /// <summary>A listening socket on a free loopback port.</summary>
    internal static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        return listener;
    }

    internal static async Task<(RawConnection Client, Socket Server)> ConnectAsync(Socket listener)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
        var client = new RawConnection(socket, EpollLoop.Shared);
        var accepted = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!, CancellationToken.None);
        return (client, await accepted);
    }
}
