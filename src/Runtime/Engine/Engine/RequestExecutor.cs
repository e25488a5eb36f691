using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine.Transport;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Sends one request (with its retries) and turns it into a <see cref="RequestRecord"/>: readings before the send
/// and per event before its JSON is parsed, usage from whichever chunk carries it. OpenAI-compatible streams end with
/// <c>[DONE]</c>; the native ones (MindIE, TGI, Triton) with the end of the body, MindIE's and TGI's after a final
/// event with <c>generated_text</c>. The record itself (token counts, the tokenizer fallback) is
/// <see cref="RequestRecordBuilder"/>'s, the failure texts <see cref="RequestErrors"/>'.
/// Shared by every slot of a task; all per-request state lives in the <see cref="RequestContext"/>.
/// </summary>
internal sealed class RequestExecutor
{
    // what TakeEvents found: more bytes are needed, [DONE], or an error event
    private const int EventsMore = 0;
    private const int EventsDone = 1;
    private const int EventsError = 2;

    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);
    private static readonly double NsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;

    private readonly IRequestTransport _transport;
    private readonly RequestBodyWriter _body;
    private readonly ModelEndpoint _endpoint;
    private readonly string? _apiKey;
    private readonly RequestRecordBuilder _records;
    private readonly bool _stream;
    private readonly bool _native;
    private readonly bool _finalEvent;

    private long _firstPacedSend = long.MaxValue;
    private long _lastPacedSend = long.MinValue;

    public RequestExecutor(IRequestTransport transport, string model, TaskRunRequest request)
    {
        _transport = transport;
        _endpoint = request.Task.Model;
        _body = new RequestBodyWriter(_endpoint, model);
        _apiKey = request.ApiKey;
        _records = new RequestRecordBuilder(request);
        _stream = _endpoint.IsStreaming;
        _native = PodBench.Shared.PlanApis.IsNative((int)_endpoint.Api);
        _finalEvent = _endpoint.Api is ApiKind.MindieStream or ApiKind.TgiStream;
    }

    /// <summary>Whether responses are read on the socket loop's thread, where requests are then best started.</summary>
    public bool ReadsOnSocketLoop => _transport.ReadsOnSocketLoop;

    /// <summary>The counters requests report to; swapped between warm-up and the measured phase.</summary>
    public EngineCounters Counters { get; set; } = new();

    public LagHistogram SendLag { get; } = new();

    public LagHistogram ClientLag { get; } = new();

    /// <summary>
    /// How long events waited in the socket before the client read them, where the kernel said when they arrived
    /// (<see cref="IArrivalStamped"/>): the queueing the arrival readings keep out of the latencies.
    /// </summary>
    public LagHistogram ReadDelay { get; } = new();

    public long FirstPacedSend => Interlocked.Read(ref _firstPacedSend);

    public long LastPacedSend => Interlocked.Read(ref _lastPacedSend);

    public long PacedSends;

    /// <summary>Runs a request to its end. <paramref name="scheduledTicks"/> is its scheduled send (0: unpaced).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RequestRecord> ExecuteAsync(RequestContext ctx, PromptRow row, long scheduledTicks, bool warmUp, CancellationToken cancellationToken)
    {
        var counters = Counters;
        ctx.WarmUp = warmUp;
        _body.Write(ctx.Writer, ctx.Body, row);
        var attempts = 0;
        var success = false;
        var error = "";
        var status = 0;
        ctx.ResetAttempt();
        if (_endpoint.Retry <= 0)
        {
            error = "retry is 0: no attempt was made";
        }
        else
        {
            counters.Started();
        }

        try
        {
            for (var attempt = 1; attempt <= _endpoint.Retry; attempt++)
            {
                attempts = attempt;
                ctx.ResetAttempt();
                try
                {
                    success = await AttemptAsync(ctx, counters, attempt == 1 ? scheduledTicks : 0, warmUp, cancellationToken).ConfigureAwait(false);
                    status = ctx.Status;
                    error = ctx.Error;
                    break;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    status = ctx.Status;
                    error = RequestErrors.Describe(e);
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            status = ctx.Status;
            error = "cancelled";
        }
        finally
        {
            if (attempts > 0)
            {
                Interlocked.Decrement(ref counters.InFlight);
            }
        }

        if (!warmUp && ctx.AllStamped && ctx.ServerTicks.Count > 0)
        {
            ClientLag.RecordGaps(ctx.ServerTicks.Span, ctx.Ticks.Span, 1, NsPerTick);
        }

        if (_records.CountsWithTokenizer(ctx, success))
        {
            // Socket completions may run inline on the socket thread (EngineProcessSettings): counting a long text there
            // would delay, and so falsely lengthen, the readings of every other stream it serves.
            await Task.Yield();
        }

        var record = _records.Build(ctx, row, scheduledTicks, warmUp, success, RequestErrors.Redact(error, _apiKey), status, attempts);
        if (success)
        {
            var ticks = ctx.Ticks.Span;
            Interlocked.Add(ref counters.E2elTicks, ticks[^1] - ticks[0]);
            Interlocked.Increment(ref counters.Succeeded);
            Interlocked.Add(ref counters.OutputTokens, record.OutputTokens);
        }
        else
        {
            counters.AddFailure(RequestErrors.Reason(record.ErrorInfo));
        }

        return record;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> AttemptAsync(RequestContext ctx, EngineCounters counters, long scheduledTicks, bool warmUp, CancellationToken cancellationToken)
    {
        using var timeout = _endpoint.RequestTimeout is { } limit ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        timeout?.CancelAfter(_endpoint.RequestTimeout!.Value);
        var sent = Stopwatch.GetTimestamp();
        ctx.Ticks.Add(sent);
        if (scheduledTicks != 0 && !warmUp)
        {
            SendLag.Record((long)((sent - scheduledTicks) * NsPerTick));
            Interlocked.Increment(ref PacedSends);
            UpdateMin(ref _firstPacedSend, sent);
            UpdateMax(ref _lastPacedSend, sent);
        }

        var token = ctx.Guard.Begin(sent, timeout?.Token ?? cancellationToken);
        try
        {
            using var response = await _transport.SendAsync(ctx.Body.WrittenMemory, token).ConfigureAwait(false);
            ctx.Guard.HeadersArrived(Stopwatch.GetTimestamp());
            ctx.Status = response.Status;
            if (!response.IsSuccess)
            {
                var body = await ErrorBodyExcerpt.ReadAsync(response.Body, _apiKey, token).ConfigureAwait(false);
                ctx.Error = $"HTTP {ctx.Status} {response.Reason}: {body}".TrimEnd(' ', ':');
                return false;
            }

            return _stream
                ? await ReadEventsAsync(ctx, counters, response.Body, token).ConfigureAwait(false)
                : await ReadBodyAsync(ctx, response.Body, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && timeout is not null && timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {_endpoint.RequestTimeout!.Value.TotalSeconds:0.###} s", e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && ctx.Guard.Reason is { } stall)
        {
            throw new TimeoutException(stall, e);
        }
        finally
        {
            ctx.Guard.End();
            if (ctx.Receiving)
            {
                ctx.Receiving = false;
                Interlocked.Decrement(ref counters.Receiving);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadEventsAsync(RequestContext ctx, EngineCounters counters, Stream stream, CancellationToken token)
    {
        var reader = ctx.Reader;
        var arrivals = stream as IArrivalStamped;
        bool done;
        while (true)
        {
            var taken = TakeEvents(ctx, counters, arrivals);
            if (taken == EventsError)
            {
                return false;
            }

            done = taken == EventsDone;
            if (done || reader.IsEndOfStream)
            {
                break;
            }

            reader.Commit(await stream.ReadAsync(reader.GetReadMemory(), token).ConfigureAwait(false));
        }

        if (!done && !_native)
        {
            ctx.Error = "the stream ended before [DONE]";
            return false;
        }

        if (!done && _finalEvent && !ctx.Fields.Finished)
        {
            // a native stream has no [DONE]: MindIE and TGI end theirs with generated_text and details
            ctx.Error = "the stream ended before its final event (generated_text)";
            return false;
        }

        ctx.Guard.Settle();
        if (done)
        {
            await DrainAsync(ctx, stream, token).ConfigureAwait(false);
        }

        if (ctx.Ticks.Count < 2)
        {
            ctx.Error = "chunk size is less than 2";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Takes every complete event the reader holds: its reading, then its JSON. Per chunk, so compiled optimized at
    /// once (a state machine's <c>MoveNext</c> cannot carry the attribute): tier-0 code and its recompilation were a
    /// quarter of a short run's CPU (docs/performance.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int TakeEvents(RequestContext ctx, EngineCounters counters, IArrivalStamped? arrivals)
    {
        var reader = ctx.Reader;
        var events = 0;
        var taken = EventsMore;
        while (reader.TryReadEvent())
        {
            var reading = Reading(ctx, arrivals);
            var data = reader.Data;
            if (IsDone(data))
            {
                taken = EventsDone;
                break;
            }

            if (!ctx.Receiving)
            {
                ctx.Receiving = true;
                Interlocked.Increment(ref counters.Receiving);
            }

            ctx.Ticks.Add(reading);
            ctx.Guard.Heard(reading);
            events++;
            if (!ParseEvent(ctx, data))
            {
                // Role-only, finish-only and usage-only events: the content-token ITL and TPOT leave them out.
                ctx.NonContent.Add(ctx.Ticks.Count - 1);
            }

            if (ctx.Fields.HasServerTimestamp)
            {
                ctx.ServerTicks.Add(ctx.Fields.ServerTimestamp);
            }
            else
            {
                ctx.AllStamped = false;
            }

            if (ctx.Fields.IsError)
            {
                ctx.Error = "the server sent an error event: " + KeyRedaction.Excerpt(Encoding.UTF8.GetString(data), 300, _apiKey);
                taken = EventsError;
                break;
            }
        }

        if (events > 0)
        {
            Interlocked.Add(ref counters.Events, events);
        }

        return taken;
    }

    /// <summary>
    /// The reading of an event (or a whole body) that just completed: when its last byte arrived, where the kernel says
    /// so, kept between the previous reading and now (a real-time clock step cannot move it out of order); else now.
    /// </summary>
    private long Reading(RequestContext ctx, IArrivalStamped? arrivals)
    {
        var now = Stopwatch.GetTimestamp();
        var arrival = arrivals?.ArrivalTicks ?? 0;
        if (arrival == 0)
        {
            return now;
        }

        var reading = Math.Clamp(arrival, ctx.Ticks.Span[^1], now);
        if (!ctx.WarmUp)
        {
            ReadDelay.Record((long)((now - reading) * NsPerTick));
        }

        return reading;
    }

    /// <summary>
    /// Reads to the end of the response after [DONE], so the connection goes back to the pool and the server has
    /// finished the request before its slot is reused. A server that keeps the stream open after [DONE] is given
    /// 5 s; the request has succeeded either way.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask DrainAsync(RequestContext ctx, Stream stream, CancellationToken token)
    {
        ctx.Reader.Reset();
        var first = stream.ReadAsync(ctx.Reader.GetReadMemory(), token);
        if (first.IsCompletedSuccessfully && first.Result == 0)
        {
            return;
        }

        using var drain = CancellationTokenSource.CreateLinkedTokenSource(token);
        drain.CancelAfter(DrainTime);
        try
        {
            var read = await first.ConfigureAwait(false);
            while (read > 0)
            {
                read = await stream.ReadAsync(ctx.Reader.GetReadMemory(), drain.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadBodyAsync(RequestContext ctx, Stream stream, CancellationToken token)
    {
        var reader = ctx.Reader;
        while (true)
        {
            var memory = reader.GetReadMemory();
            var read = await stream.ReadAsync(memory, token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            reader.Commit(read);
            ctx.Guard.Heard(Stopwatch.GetTimestamp());
        }

        ctx.Ticks.Add(Reading(ctx, stream as IArrivalStamped));
        ParseEvent(ctx, reader.Unread);
        ctx.AllStamped = false;
        if (ctx.Fields.IsError)
        {
            ctx.Error = "the server answered with an error object";
            return false;
        }

        return true;
    }

    /// <summary>Parses an event (or a whole answer) in the API's format; true when it carried generated text, a token or a piece of a tool call.</summary>
    private bool ParseEvent(RequestContext ctx, ReadOnlySpan<byte> data)
    {
        if (_native)
        {
            return NativeChunkParser.Parse(data, ctx.Text, ref ctx.Fields);
        }

        var textBefore = ctx.Text.Length;
        var callsBefore = ctx.ToolCalls.Bytes;
        ChunkParser.Parse(data, ctx.Text, ref ctx.Fields, ctx.ToolCalls);
        return ctx.Text.Length != textBefore || ctx.ToolCalls.Bytes != callsBefore;
    }

    private static bool IsDone(ReadOnlySpan<byte> data) => data.Trim(" \t"u8).SequenceEqual("[DONE]"u8);

    private static void UpdateMin(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static void UpdateMax(ref long field, long value)
    {
        var current = Interlocked.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
