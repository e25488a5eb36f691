using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Engine.Transport;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>
/// How <see cref="RequestExecutor"/> turns a body's arrival stamps into readings: a stamp is used only between the
/// request's previous reading and the moment the event is parsed, so a bad stamp can never reorder the readings.
/// </summary>
public sealed class ArrivalReadingTests
{
    private const string Events = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]\n\n";

    [Fact]
    public async Task A_stamp_from_before_the_send_is_raised_to_the_previous_reading()
    {
        var (record, executor) = await RunAsync(arrivalTicks: 1);

        Assert.True(record.Success, record.ErrorInfo);
        Assert.Equal(3, record.TimePointsNs.Length);
        Assert.All(record.TimePointsNs, t => Assert.Equal(record.TimePointsNs[0], t));
        Assert.Equal(3, executor.ReadDelay.Count);
    }

    [Fact]
    public async Task A_stamp_from_the_future_is_lowered_to_the_read()
    {
        var before = new PodClock();
        var (record, _) = await RunAsync(arrivalTicks: long.MaxValue);

        Assert.True(record.Success, record.ErrorInfo);
        Assert.True(record.TimePointsNs[2] >= record.TimePointsNs[1] && record.TimePointsNs[1] >= record.TimePointsNs[0]);
        Assert.True(record.TimePointsNs[2] <= before.NowUtcNs() + 1_000_000);
    }

    [Fact]
    public async Task Without_a_stamp_the_reading_is_the_read()
    {
        var (record, executor) = await RunAsync(arrivalTicks: 0);

        Assert.True(record.Success, record.ErrorInfo);
        Assert.True(record.TimePointsNs[2] >= record.TimePointsNs[1] && record.TimePointsNs[1] > record.TimePointsNs[0]);
        Assert.Equal(0, executor.ReadDelay.Count);
    }

    private static async Task<(RequestRecord Record, RequestExecutor Executor)> RunAsync(long arrivalTicks)
    {
        var endpoint = ModelEndpoint.StreamChat("m1") with { Url = "http://127.0.0.1:1/", Model = "m", MaxOutLen = 4 };
        var request = new TaskRunRequest
        {
            Task = new TaskSpec(endpoint, new SyntheticDataset("d1"), Pod: 0),
            BaseUrl = new Uri(endpoint.Url),
            Rows = [],
            Run = RunOptions.Default with { WarmUp = 0 },
            Clock = new PodClock(),
        };
        using var transport = new StampedTransport(arrivalTicks);
        var executor = new RequestExecutor(transport, "m", request);
        using var ctx = new RequestContext();
        var record = await executor.ExecuteAsync(ctx, new PromptRow(0, "hello"), 0, warmUp: false, CancellationToken.None);
        return (record, executor);
    }

    private sealed class StampedTransport(long arrivalTicks) : IRequestTransport
    {
        public bool ReadsOnSocketLoop => false;

        public ValueTask<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new TransportResponse(200, "OK", new StampedStream(Encoding.UTF8.GetBytes(Events), arrivalTicks), null));

        public void Dispose()
        {
        }
    }

    /// <summary>A body that hands out one byte per read (so each event completes on its own read) with a fixed stamp.</summary>
    private sealed class StampedStream(byte[] bytes, long arrivalTicks) : MemoryStream(bytes), IArrivalStamped
    {
        public long ArrivalTicks { get; } = arrivalTicks;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
