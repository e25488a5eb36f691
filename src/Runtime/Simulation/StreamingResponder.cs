using System;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// A streamed answer, event by event as vLLM sends it: the role chunk (chat only) and the first token when prefill
/// ends, then one token per decode deadline, the last with <c>finish_reason</c>, then usage and <c>[DONE]</c>; a
/// native API's stream in its own format (<see cref="NativeEventWriter"/>).
/// Mid-stream faults strike after the third content chunk (or the last, when there are fewer).
/// </summary>
internal sealed class StreamingResponder
{
    private readonly SimulatorApp _app;
    private readonly HttpContext _context;
    private readonly ResponsePlan _plan;
    private readonly DeadlineWaiter _waiter;
    private readonly CancellationToken _token;

    public StreamingResponder(SimulatorApp app, HttpContext context, ResponsePlan plan, DeadlineWaiter waiter, CancellationToken token)
    {
        _app = app;
        _context = context;
        _plan = plan;
        _waiter = waiter;
        _token = token;
    }

    /// <summary>Streams the answer; false when a fault cut it short.</summary>
    /// <param name="firstToken">When prefill ended: the deadline of the first token.</param>
    public async Task<bool> RunAsync(long firstToken)
    {
        var options = _app.Options;
        var fault = _plan.Fault;
        var tokens = _plan.Tokens;
        IStreamEventWriter events = _plan.Request.Native is { } native
            ? new NativeEventWriter(_context.Response.BodyWriter, native, options.ModelId)
            : new SseEventWriter(_context.Response.BodyWriter, _plan.Request.IsChat, _plan.Id, _plan.Created, options.ModelId);
        var faultAt = Math.Min(2, tokens - 1);
        var usageInChoice = options.UsagePlacement == UsagePlacement.InLastChoiceChunk && fault != SimulatorFault.CutWithoutDone;
        if (_plan.Request.IsChat)
        {
            Ensure(await events.WriteRoleAsync(_token).ConfigureAwait(false));
        }

        var deadline = firstToken;
        for (var i = 0; i < tokens; i++)
        {
            if (i > 0)
            {
                deadline += _app.DecodeTicks(_app.Stats.StreamsInFlight);
                await GenerationRun.WaitAsync(_waiter, deadline).ConfigureAwait(false);
            }

            var last = i == tokens - 1;
            if (last && fault == SimulatorFault.CutWithoutDone && _plan.Request.Native is not null)
            {
                // a native stream has no [DONE]: the cut drops its last event, which carries generated_text
                return false;
            }

            _plan.Generated++;
            _app.Counters.OnGenerated(1);
            if (_plan.Request.ToolCall is { } call && events is SseEventWriter sse)
            {
                Ensure(await sse.WriteToolCallAsync(
                    i == 0 ? ToolCallText.Id(_plan) : null, i == 0 ? call : null, ToolCallText.Piece(i, tokens), last ? _plan.FinishReason : null,
                    last && usageInChoice ? _plan.Usage : null, _token, _plan.CachedTokens).ConfigureAwait(false));
            }
            else
            {
                var text = fault == SimulatorFault.HugeChunk && i == faultAt ? OutputText.Huge : OutputText.Token(i);
                Ensure(await events.WriteTokenAsync(
                    text, last ? _plan.FinishReason : null, last && usageInChoice ? _plan.Usage : null, _token, _plan.CachedTokens).ConfigureAwait(false));
            }

            if (i != faultAt)
            {
                continue;
            }

            switch (fault)
            {
                case SimulatorFault.ResetMidStream:
                    // A little time for the client to read what was sent: an abort can drop data not yet read.
                    await GenerationRun.WaitAsync(_waiter, Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 20)).ConfigureAwait(false);
                    _context.Abort();
                    return false;
                case SimulatorFault.MalformedJson:
                    Ensure(await events.WriteMalformedAsync(_token).ConfigureAwait(false));
                    break;
                case SimulatorFault.Stall:
                    await GenerationRun.WaitAsync(_waiter, Stopwatch.GetTimestamp() + _app.ToTicks(options.StallTime)).ConfigureAwait(false);
                    deadline = Stopwatch.GetTimestamp();
                    break;
            }
        }

        if (fault == SimulatorFault.CutWithoutDone)
        {
            return false;
        }

        if (options.UsagePlacement == UsagePlacement.SeparateChunk && _plan.Request.IncludeUsage)
        {
            Ensure(await events.WriteUsageAsync(_plan.Usage.Prompt, _plan.Usage.Completion, _token, _plan.CachedTokens).ConfigureAwait(false));
        }

        Ensure(await events.WriteDoneAsync(_token).ConfigureAwait(false));
        return true;
    }

    /// <summary>A flush that found the client gone ends the stream.</summary>
    private static void Ensure(FlushResult result)
    {
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new OperationCanceledException("The client stopped reading.");
        }
    }
}
