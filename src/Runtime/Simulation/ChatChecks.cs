using System.Collections.Generic;
using System.Text.Json;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// What a chat body's history and tools must be, checked as a chat template and vLLM's request validation would:
/// a wrong one is answered 400 with the reason. A history is system/developer messages first, then user and
/// assistant turns alternating (a tool result after an assistant's tool calls), ending with a user or tool message;
/// tools are <c>{"type": "function", "function": {"name", "parameters"?}}</c>, and a named <c>tool_choice</c> must be
/// one of them.
/// </summary>
internal static class ChatChecks
{
    /// <summary>Checks <paramref name="messages"/>; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryCheckHistory(JsonElement messages, out string error)
    {
        var expectUser = true;
        var started = false;
        var callsOpen = false;
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            switch (role)
            {
                case "system" or "developer" when !started:
                    break;
                case "user" when expectUser:
                    started = true;
                    expectUser = false;
                    callsOpen = false;
                    break;
                case "assistant" when !expectUser:
                    var calls = message.TryGetProperty("tool_calls", out var c) && c.ValueKind == JsonValueKind.Array && c.GetArrayLength() > 0;
                    var content = message.TryGetProperty("content", out var t) ? t.ValueKind : JsonValueKind.Undefined;
                    if (content != JsonValueKind.String && !calls)
                    {
                        error = $"messages[{i}]: an assistant message needs a string 'content' or 'tool_calls'.";
                        return false;
                    }

                    expectUser = true;
                    callsOpen = calls;
                    break;
                case "tool" when callsOpen:
                    if (!message.TryGetProperty("tool_call_id", out var id) || id.ValueKind != JsonValueKind.String)
                    {
                        error = $"messages[{i}]: a tool message needs a string 'tool_call_id'.";
                        return false;
                    }

                    break;
                default:
                    error = $"messages[{i}]: Conversation roles must alternate user/assistant/user/assistant/... (found '{role ?? "no role"}' here).";
                    return false;
            }

            i++;
        }

        if (expectUser && !callsOpen)
        {
            error = "The last message must be a user message (or a tool result): there is nothing to answer.";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>
    /// Reads <c>tools</c> and <c>tool_choice</c>: <paramref name="call"/> is the function the answer calls (the named
    /// choice, else the first tool; null without tools or with <c>"none"</c>).
    /// </summary>
    public static bool TryReadTools(JsonElement body, out int tools, out string? call, out string error)
    {
        tools = 0;
        call = null;
        var names = new List<string>();
        if (body.TryGetProperty("tools", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                error = "'tools' must be an array.";
                return false;
            }

            foreach (var tool in list.EnumerateArray())
            {
                if (tool.ValueKind != JsonValueKind.Object
                    || !tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function"
                    || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                    || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                    || (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind != JsonValueKind.Object))
                {
                    error = $"tools[{names.Count}] must be {{\"type\": \"function\", \"function\": {{\"name\": string, \"parameters\": object}}}}.";
                    return false;
                }

                names.Add(name.GetString()!);
            }
        }

        tools = names.Count;
        var choice = body.TryGetProperty("tool_choice", out var c) ? c : default;
        string? named = null;
        if (choice.ValueKind == JsonValueKind.Object)
        {
            named = choice.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object
                && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (named is null)
            {
                error = "'tool_choice' must be \"none\", \"auto\", \"required\" or {\"type\": \"function\", \"function\": {\"name\": string}}.";
                return false;
            }
        }
        else if (choice.ValueKind == JsonValueKind.String && choice.GetString() is not ("none" or "auto" or "required"))
        {
            error = $"'tool_choice' must be \"none\", \"auto\" or \"required\", not \"{choice.GetString()}\".";
            return false;
        }

        if ((named is not null || (choice.ValueKind == JsonValueKind.String && choice.GetString() == "required")) && tools == 0)
        {
            error = "'tool_choice' asks for a tool call, but the request has no 'tools'.";
            return false;
        }

        if (named is not null && !names.Contains(named))
        {
            error = $"Tool '{named}' named by 'tool_choice' is not among the request's tools.";
            return false;
        }

        var none = choice.ValueKind == JsonValueKind.String && choice.GetString() == "none";
        call = none || tools == 0 ? null : named ?? names[0];
        error = "";
        return true;
    }
}
