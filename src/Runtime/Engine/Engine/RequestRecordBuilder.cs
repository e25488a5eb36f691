using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PodBench.Dsl;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Engine;

/// <summary>
/// The <see cref="RequestRecord"/> of a finished request: its readings on the pod's UTC clock, the prediction, and
/// its token counts, from the server's usage where it sent one, else from the tokenizer (the reference's fallback).
/// </summary>
internal sealed class RequestRecordBuilder
{
    private readonly ModelEndpoint _endpoint;
    private readonly string _dataAbbr;
    private readonly int _pod;
    private readonly ITokenCounter? _tokenizer;
    private readonly PodClock _clock;
    private readonly bool _stream;
    private readonly bool _chat;

    private static readonly JsonSerializerOptions MessagesOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public RequestRecordBuilder(TaskRunRequest request)
    {
        _endpoint = request.Task.Model;
        _dataAbbr = request.Task.Dataset.Abbr;
        _pod = request.Task.Pod;
        _tokenizer = request.Tokenizer;
        _clock = request.Clock;
        _stream = _endpoint.IsStreaming;
        _chat = _endpoint.Api is ApiKind.StreamChat or ApiKind.Chat;
    }

    /// <summary>The record of the request <paramref name="ctx"/> holds; <paramref name="error"/> is already redacted.</summary>
    public RequestRecord Build(RequestContext ctx, PromptRow row, long scheduledTicks, bool warmUp, bool success, string error, int status, int attempts)
    {
        var ticks = ctx.Ticks.Span;
        var points = new long[ticks.Length];
        for (var i = 0; i < ticks.Length; i++)
        {
            points[i] = _clock.ToUtcNs(ticks[i]);
        }

        var server = Array.Empty<long>();
        if (_stream && ctx.AllStamped && ctx.ServerTicks.Count > 0 && ctx.ServerTicks.Count == ticks.Length - 1)
        {
            var serverTicks = ctx.ServerTicks.Span;
            server = new long[serverTicks.Length];
            for (var i = 0; i < serverTicks.Length; i++)
            {
                server[i] = _clock.ToUtcNs(serverTicks[i]);
            }
        }

        var nonContent = Array.Empty<int>();
        if (_stream && ctx.NonContent.Count > 0)
        {
            nonContent = new int[ctx.NonContent.Count];
            for (var i = 0; i < nonContent.Length; i++)
            {
                nonContent[i] = (int)ctx.NonContent.Span[i];
            }
        }

        var prediction = ctx.Text.Length == 0 ? "" : Encoding.UTF8.GetString(ctx.Text.WrittenSpan);
        var calls = ctx.ToolCalls.ToRecord();
        var (input, output, source) = CountTokens(ctx, row, calls.Length == 0 ? prediction : prediction + ToolCallText(calls), success);
        return new RequestRecord
        {
            ModelAbbr = _endpoint.Abbr,
            DataAbbr = _dataAbbr,
            Id = row.Id,
            Uuid = Guid.NewGuid().ToString("N"),
            Pod = _pod,
            TurnId = row.TurnId,
            DataId = row.DataId,
            Success = success,
            ErrorInfo = success ? "" : error,
            TimePointsNs = points,
            ServerTimePointsNs = server,
            NonContentReadings = nonContent,
            ScheduledNs = scheduledTicks == 0 ? 0 : _clock.ToUtcNs(scheduledTicks),
            InputTokens = input,
            OutputTokens = output,
            UsageSource = source,
            CachedTokens = ctx.Fields.CachedTokens >= 0 ? (int)ctx.Fields.CachedTokens : null,
            Attempts = attempts,
            HttpStatus = status,
            Input = row.History is null ? row.Prompt : MessagesJson(row),
            Prediction = prediction,
            ToolCalls = calls,
            WarmUp = warmUp,
            Stream = _stream,
        };
    }

    /// <summary>A later turn's input as the reference records a multi-turn one: the message list sent, as JSON text.</summary>
    private static string MessagesJson(PromptRow row)
    {
        var messages = new List<Dictionary<string, string>>(row.History!.Count + 1);
        for (var i = 0; i < row.History.Count; i++)
        {
            messages.Add(new Dictionary<string, string> { ["role"] = i % 2 == 0 ? "user" : "assistant", ["content"] = row.History[i] });
        }

        messages.Add(new Dictionary<string, string> { ["role"] = "user", ["content"] = row.Prompt });
        return JsonSerializer.Serialize(messages, MessagesOptions);
    }

    /// <summary>What the tokenizer counts of the tool calls when the server gives no usage: each name and its arguments.</summary>
    private static string ToolCallText(ToolCall[] calls)
    {
        var text = new StringBuilder();
        foreach (var call in calls)
        {
            text.Append(call.Name).Append(call.Arguments);
        }

        return text.ToString();
    }

    /// <summary>Whether <see cref="CountTokens"/> will count some of the request's tokens with the tokenizer.</summary>
    public bool CountsWithTokenizer(RequestContext ctx, bool success) =>
        _tokenizer is not null && success && (ctx.Fields.PromptTokens <= 0 || ctx.Fields.CompletionTokens < 0);

    private (int Input, int Output, string Source) CountTokens(RequestContext ctx, PromptRow row, string prediction, bool success)
    {
        var fromServer = true;
        var fromTokenizer = false;
        int input;
        if (ctx.Fields.PromptTokens > 0)
        {
            input = (int)ctx.Fields.PromptTokens;
        }
        else if (_tokenizer is not null && success)
        {
            // the reference renders a chat prompt with the model's chat template before counting it
            // a later turn counts its history too: every message's text, without the template around the earlier ones
            var prompt = row.History is null ? row.Prompt : string.Join("\n", row.History.Append(row.Prompt));
            input = _chat ? _tokenizer.CountChatPromptTokens(prompt) : _tokenizer.CountTokens(prompt);
            fromServer = false;
            fromTokenizer = true;
        }
        else
        {
            input = 0;
            fromServer = false;
        }

        int output;
        if (ctx.Fields.CompletionTokens >= 0)
        {
            output = (int)ctx.Fields.CompletionTokens;
        }
        else if (_tokenizer is not null && success)
        {
            output = _tokenizer.CountTokens(prediction);
            fromServer = false;
            fromTokenizer = true;
        }
        else
        {
            output = 0;
            fromServer = false;
        }

        return (input, output, fromServer ? "server" : fromTokenizer ? "tokenizer" : "none");
    }
}
