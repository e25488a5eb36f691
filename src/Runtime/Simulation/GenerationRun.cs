using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// One generation request, start to end: read the body, pick the fault, queue for a batch slot, prefill, then decode
/// one token per absolute deadline (the next deadline is computed from the previous one, never from when a write
/// finished, so the rate does not drift on a loaded box).
/// </summary>
internal sealed class GenerationRun
{
    private readonly SimulatorApp _app;
    private readonly HttpContext _context;
    private readonly bool _chat;
    private readonly NativeRoute? _native;
    private SimulatorOptions Options => _app.Options;

    public GenerationRun(SimulatorApp app, HttpContext context, bool chat)
    {
        _app = app;
        _context = context;
        _chat = chat;
    }

    /// <summary>A request to a native API's route (MindIE, TGI, Triton).</summary>
    public GenerationRun(SimulatorApp app, HttpContext context, NativeRoute native)
        : this(app, context, chat: false)
    {
        _native = native;
    }

    private string Path => _native is null ? (_chat ? "/v1/chat/completions" : "/v1/completions") : _context.Request.Path.Value ?? "";

    public async Task RunAsync()
    {
        var arrival = Stopwatch.GetTimestamp();
        var stats = _app.Stats;
        var ordinal = stats.OnArrival();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_context.RequestAborted, _app.Stopping);
        var token = cancellation.Token;
        try
        {
            var request = await ReadAsync(ordinal, arrival, token).ConfigureAwait(false);
            if (request is null)
            {
                stats.OnRejected();
                return;
            }

            var fault = FaultSchedule.Affects(ordinal, Options.FaultRate) ? Options.Fault : SimulatorFault.None;
            var (tokens, hitMax) = OutputLength.Decide(request, Options.DefaultOutputTokens);
            int? cached = request.Tokens is { } prompt ? _app.PrefixCache!.Lookup(prompt) : null;
            stats.Record(new SimulatedRequest
            {
                Ordinal = ordinal,
                ArrivalTimestamp = arrival,
                Path = Path,
                Model = request.Model,
                Stream = request.Stream,
                PromptTokens = request.PromptTokens,
                CachedTokens = cached ?? 0,
                Messages = request.Messages,
                Tools = request.Tools,
                ToolCall = request.ToolCall,
                MaxTokens = request.MaxTokens,
                CompletionTokens = tokens,
                Fault = fault,
                Status = StatusOf(fault),
            });
            if (fault != SimulatorFault.None)
            {
                stats.OnFault();
            }

            using var waiter = new DeadlineWaiter(_app.Scheduler, token);
            var plan = new ResponsePlan(request, ordinal, tokens, hitMax ? "length" : "stop", fault) { CachedTokens = cached };
            if (await RespondAsync(plan, waiter, token).ConfigureAwait(false))
            {
                stats.OnCompleted();
                if (request.Tokens is { } generated)
                {
                    // the reply's full blocks too, as vLLM caches decoded blocks: the next turn of a conversation hits them
                    PromptTokens.AddOutput(generated, tokens);
                    _app.PrefixCache!.Insert(generated);
                }
            }
        }
        catch (Exception error) when (token.IsCancellationRequested || error is IOException or OperationCanceledException)
        {
            stats.OnAborted();
        }
        finally
        {
            stats.OnLeave();
        }
    }

    private static int StatusOf(SimulatorFault fault) => fault switch
    {
        SimulatorFault.Http500 => StatusCodes.Status500InternalServerError,
        SimulatorFault.Http429 => StatusCodes.Status429TooManyRequests,
        SimulatorFault.Http503 => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status200OK,
    };

    private async Task<GenerationRequest?> ReadAsync(long ordinal, long arrival, CancellationToken token)
    {
        if (!_app.IsAuthorized(_context))
        {
            RecordRejected(ordinal, arrival, StatusCodes.Status401Unauthorized);
            await SimulatorApp.RefuseUnauthorizedAsync(_context).ConfigureAwait(false);
            return null;
        }

        GenerationRequest request;
        string error;
        try
        {
            using var body = await JsonDocument.ParseAsync(_context.Request.Body, default, token).ConfigureAwait(false);
            if (!(_native is null ? RequestParser.TryParse(body.RootElement, _chat, out request, out error) : NativeRequestParser.TryParse(body.RootElement, _native, out request, out error)))
            {
                await RejectAsync(ordinal, arrival, StatusCodes.Status400BadRequest, "BadRequestError", error, null).ConfigureAwait(false);
                return null;
            }

            if (_app.PrefixCache is not null && _native is null)
            {
                request = request with { Tokens = PromptTokens.Of(body.RootElement, _chat) };
            }
        }
        catch (JsonException e)
        {
            await RejectAsync(ordinal, arrival, StatusCodes.Status400BadRequest, "BadRequestError", "The body is not valid JSON: " + e.Message, null)
                .ConfigureAwait(false);
            return null;
        }

        if (request.Model is { } model && !string.Equals(model, Options.ModelId, StringComparison.Ordinal))
        {
            await RejectAsync(ordinal, arrival, StatusCodes.Status404NotFound, "NotFoundError", $"The model `{model}` does not exist.", "model")
                .ConfigureAwait(false);
            return null;
        }

        return request;
    }

    private Task RejectAsync(long ordinal, long arrival, int status, string type, string message, string? param)
    {
        RecordRejected(ordinal, arrival, status);
        return JsonResponses.WriteErrorAsync(_context, status, type, message, param);
    }

    private void RecordRejected(long ordinal, long arrival, int status) => _app.Stats.Record(new SimulatedRequest
    {
        Ordinal = ordinal,
        ArrivalTimestamp = arrival,
        Path = Path,
        Status = status,
    });

    /// <summary>Answers the request; false when a fault cut it short.</summary>
    private async Task<bool> RespondAsync(ResponsePlan plan, DeadlineWaiter waiter, CancellationToken token)
    {
        if (plan.Fault == SimulatorFault.SlowHeaders)
        {
            await WaitAsync(waiter, Stopwatch.GetTimestamp() + _app.ToTicks(Options.StallTime)).ConfigureAwait(false);
        }

        switch (plan.Fault)
        {
            case SimulatorFault.Http500:
                await JsonResponses.WriteErrorAsync(_context, 500, "InternalServerError", "Simulated internal server error.").ConfigureAwait(false);
                return false;
            case SimulatorFault.Http429:
                _context.Response.Headers.RetryAfter = "1";
                await JsonResponses.WriteErrorAsync(_context, 429, "RateLimitError", "Simulated rate limit: too many requests.").ConfigureAwait(false);
                return false;
            case SimulatorFault.Http503:
                await JsonResponses.WriteErrorAsync(_context, 503, "ServiceUnavailableError", "Simulated overload: service unavailable.")
                    .ConfigureAwait(false);
                return false;
        }

        if (plan.Request.Stream)
        {
            // Like uvicorn, the status line and headers go out at once; the first event waits for the first token.
            _context.Response.ContentType = "text/event-stream; charset=utf-8";
            _context.Response.Headers.CacheControl = "no-cache";
            await _context.Response.StartAsync(token).ConfigureAwait(false);
        }

        await _app.Slots.WaitAsync(token).ConfigureAwait(false);
        try
        {
            _app.Stats.OnStreamStart();
            _app.Counters.OnPrefill(plan.Request.PromptTokens, plan.CachedTokens ?? 0);
            try
            {
                var firstToken = Stopwatch.GetTimestamp() + _app.PrefillTicks(plan.Request.PromptTokens - (plan.CachedTokens ?? 0));
                await WaitAsync(waiter, firstToken).ConfigureAwait(false);
                if (plan.Request.Tokens is { } prompt)
                {
                    _app.PrefixCache!.Insert(prompt);
                }

                return plan.Request.Stream
                    ? await new StreamingResponder(_app, _context, plan, waiter, token).RunAsync(firstToken).ConfigureAwait(false)
                    : await new WholeResponder(_app, _context, plan, waiter, token).RunAsync(firstToken).ConfigureAwait(false);
            }
            finally
            {
                _app.Stats.OnStreamEnd();
                _app.Counters.OnRelease(plan.Request.PromptTokens + plan.Generated);
            }
        }
        finally
        {
            _app.Slots.Release();
        }
    }

    /// <summary>Waits for <paramref name="deadline"/> unless it has passed (then there is no wait at all).</summary>
    internal static ValueTask WaitAsync(DeadlineWaiter waiter, long deadline)
        => deadline > Stopwatch.GetTimestamp() ? waiter.WaitUntilAsync(deadline) : ValueTask.CompletedTask;
}
