using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Engine.Transport;
using PodBench.Runtime.Planning;
using Xunit;

namespace PodBench.Runtime.Tests.Engine.Transport;

/// <summary>
/// The kernel's receive timestamps: bytes that wait in the socket while the loop is busy are read with the time they
/// arrived, so the wait is kept out of the event's reading and reported as read delay instead.
/// </summary>
[Collection(LoopHoldingCollection.Name)]
public sealed class ArrivalStampsTests
{
    private static readonly long HeldTicks = Stopwatch.Frequency / 5;

    // The hold is longer than the bound the tests check by 0.3 s: on loaded cores the server's write can come that
    // much after the hold began (the first CI failure of this test was a 50 ms margin).
    private static readonly TimeSpan HoldTime = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Bytes_the_busy_loop_left_waiting_carry_their_arrival()
    {
        Assert.True(ArrivalStamps.Enabled, "64-bit Linux stamps by default");
        using var listener = EpollLoopTests.Listen();
        var (client, server) = await EpollLoopTests.ConnectAsync(listener);
        using (client)
        using (server)
        {
            // the first segments after a process first asks for stamps may have none
            server.Send([0]);
            Assert.Equal(1, await client.ReadAsync(new byte[16]));
            await Task.Delay(50);

            var read = Task.Run(async () =>
            {
                var n = await client.ReadAsync(new byte[16]);
                return (n, Stopwatch.GetTimestamp());
            });
            long sent;
            using (await LoopHold.StartAsync())
            {
                sent = Stopwatch.GetTimestamp();
                server.Send([1, 2, 3]);
                await Task.Delay(HoldTime);
            }

            var (bytes, readAt) = await read.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(3, bytes);
            var arrival = client.ArrivalTicks;
            Assert.InRange(arrival, sent, readAt - HeldTicks);
        }
    }

    [Fact]
    public async Task An_event_that_waited_for_a_busy_loop_is_read_at_its_arrival()
    {
        var firstSent = new TaskCompletionSource();
        var sendSecond = new TaskCompletionSource();
        long secondSent = 0;
        await using var server = new ScriptedHttpServer(async e =>
        {
            await e.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" + Chunk("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"));
            firstSent.SetResult();
            await sendSecond.Task;
            Volatile.Write(ref secondSent, Stopwatch.GetTimestamp());
            await e.WriteAsync(Chunk("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n") + Chunk("data: [DONE]\n\n") + "0\r\n\r\n");
        });
        var clock = new PodClock();
        var endpoint = ModelEndpoint.StreamChat("m1") with { Url = server.Target.GetLeftPart(UriPartial.Authority) + "/", Model = "m", MaxOutLen = 4 };
        var request = new TaskRunRequest
        {
            Task = new TaskSpec(endpoint, new SyntheticDataset("d1"), Pod: 0, Replica: 0, Replicas: 1),
            BaseUrl = new Uri(endpoint.Url),
            Rows = [new PromptRow(0, "hello")],
            Run = RunOptions.Default with { WarmUp = 0 },
            Clock = clock,
        };
        var sink = new MemorySink();
        var run = TaskRunner.RunAsync(request, sink, null, CancellationToken.None);
        await firstSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        long released;
        using (await LoopHold.StartAsync())
        {
            sendSecond.SetResult();
            await Task.Delay(HoldTime);
            released = Stopwatch.GetTimestamp();
        }

        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(30));
        var record = Assert.Single(sink.Records);
        Assert.True(record.Success, record.ErrorInfo);
        Assert.Equal(3, record.TimePointsNs.Length);

        // the content event arrived at once but was read only after the hold: its reading is the arrival
        var sentNs = clock.ToUtcNs(Volatile.Read(ref secondSent));
        Assert.InRange(record.TimePointsNs[2], sentNs, clock.ToUtcNs(released - HeldTicks));
        Assert.True(outcome.ReadDelay.MaxUs >= HeldTicks * 1e6 / Stopwatch.Frequency, outcome.ReadDelay.ToString());
    }

    private static string Chunk(string text) => $"{System.Text.Encoding.UTF8.GetByteCount(text):x}\r\n{text}\r\n";
}
