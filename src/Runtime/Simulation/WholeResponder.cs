using System;
using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// A non-streamed answer: one JSON body when the last token is done. Decode is waited in steps of
/// <see cref="Step"/> tokens, each step's speed taken from the streams in flight at its start.
/// </summary>
internal sealed class WholeResponder
{
    private const int Step = 16;

    private readonly SimulatorApp _app;
    private readonly HttpContext _context;
    private readonly ResponsePlan _plan;
    private readonly DeadlineWaiter _waiter;
    private readonly CancellationToken _token;

    public WholeResponder(SimulatorApp app, HttpContext context, ResponsePlan plan, DeadlineWaiter waiter, CancellationToken token)
    {
        _app = app;
        _context = context;
        _plan = plan;
        _waiter = waiter;
        _token = token;
    }

    /// <summary>Answers; false when a fault cut the answer short.</summary>
    /// <param name="firstToken">When prefill ended.</param>
    public async Task<bool> RunAsync(long firstToken)
    {
        _plan.Generated = 1;
        _app.Counters.OnGenerated(1);
        var deadline = firstToken;
        for (var done = 1; done < _plan.Tokens; done += Step)
        {
            var step = Math.Min(Step, _plan.Tokens - done);
            deadline += step * _app.DecodeTicks(_app.Stats.StreamsInFlight);
            await GenerationRun.WaitAsync(_waiter, deadline).ConfigureAwait(false);
            _plan.Generated += step;
            _app.Counters.OnGenerated(step);
        }

        switch (_plan.Fault)
        {
            case SimulatorFault.ResetMidStream:
                _context.Abort();
                return false;
            case SimulatorFault.Stall:
                await GenerationRun.WaitAsync(_waiter, Stopwatch.GetTimestamp() + _app.ToTicks(_app.Options.StallTime)).ConfigureAwait(false);
                break;
        }

        var body = Body();
        var response = _context.Response;
        response.ContentType = "application/json";
        switch (_plan.Fault)
        {
            case SimulatorFault.MalformedJson:
                body = body.AsSpan(0, body.Length / 2).ToArray();
                response.ContentLength = body.Length;
                break;
            case SimulatorFault.CutWithoutDone:
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), _token).ConfigureAwait(false);
                return false;
            default:
                response.ContentLength = body.Length;
                break;
        }

        await response.Body.WriteAsync(body, _token).ConfigureAwait(false);
        return true;
    }

    private byte[] Body()
    {
        if (_plan.Request.Native is { } native)
        {
            return NativeEventWriter.Whole(native, _app.Options.ModelId, Text(), _plan.FinishReason, _plan.Tokens, _plan.Request.Details || native == NativeApi.MindieInfer);
        }

        var chat = _plan.Request.IsChat;
        var buffer = new ArrayBufferWriter<byte>(256 + (_plan.Tokens * 8));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", _plan.Id);
            json.WriteString("object", chat ? "chat.completion" : "text_completion");
            json.WriteNumber("created", _plan.Created);
            json.WriteString("model", _app.Options.ModelId);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            if (chat)
            {
                json.WriteStartObject("message");
                json.WriteString("role", "assistant");
                if (_plan.Request.ToolCall is { } call)
                {
                    json.WriteNull("content");
                    json.WriteStartArray("tool_calls");
                    json.WriteStartObject();
                    json.WriteString("id", ToolCallText.Id(_plan));
                    json.WriteString("type", "function");
                    json.WriteStartObject("function");
                    json.WriteString("name", call);
                    json.WriteString("arguments", ToolCallText.Arguments(_plan.Tokens));
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteString("content", Text());
                    json.WriteStartArray("tool_calls");
                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteString("text", Text());
            }

            json.WriteNull("logprobs");
            json.WriteString("finish_reason", _plan.Request.ToolCall is not null && _plan.FinishReason != "length" ? "tool_calls" : _plan.FinishReason);
            json.WriteNull("stop_reason");
            json.WriteEndObject();
            json.WriteEndArray();
            if (_app.Options.UsagePlacement != UsagePlacement.None)
            {
                json.WriteStartObject("usage");
                json.WriteNumber("prompt_tokens", _plan.Usage.Prompt);
                json.WriteNumber("total_tokens", (long)_plan.Usage.Prompt + _plan.Usage.Completion);
                json.WriteNumber("completion_tokens", _plan.Usage.Completion);
                if (_plan.CachedTokens is { } cached)
                {
                    json.WriteStartObject("prompt_tokens_details");
                    json.WriteNumber("cached_tokens", cached);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteNumber("x_sim_ts", Stopwatch.GetTimestamp());
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private string Text()
    {
        var text = OutputText.Text(_plan.Tokens);
        return _plan.Fault == SimulatorFault.HugeChunk ? Encoding.UTF8.GetString(OutputText.Huge) + text : text;
    }
}
