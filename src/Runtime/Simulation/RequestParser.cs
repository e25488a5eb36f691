using System.Text.Json;

namespace PodBench.Runtime.Simulation;

/// <summary>Reads a generation request body; a wrong one gets the message vLLM would answer HTTP 400 with.</summary>
internal static class RequestParser
{
    /// <summary>Reads <paramref name="body"/>; on failure <paramref name="error"/> says why (for a 400 answer).</summary>
    public static bool TryParse(JsonElement body, bool chat, out GenerationRequest request, out string error)
    {
        request = new GenerationRequest();
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a JSON object.";
            return false;
        }

        string? model = null;
        if (body.TryGetProperty("model", out var modelElement) && modelElement.ValueKind != JsonValueKind.Null)
        {
            if (modelElement.ValueKind != JsonValueKind.String)
            {
                error = "'model' must be a string.";
                return false;
            }

            model = modelElement.GetString();
        }

        int? promptTokens;
        if (chat)
        {
            promptTokens = body.TryGetProperty("messages", out var messages) ? PromptTokenCounter.CountChat(messages) : null;
            if (promptTokens is null)
            {
                error = "'messages' must be an array of message objects.";
                return false;
            }
        }
        else
        {
            promptTokens = body.TryGetProperty("prompt", out var prompt) ? PromptTokenCounter.CountPrompt(prompt) : null;
            if (promptTokens is null)
            {
                error = "'prompt' must be a string, one string in an array, or an array of token ids.";
                return false;
            }
        }

        if (!TryReadCount(body, chat ? "max_completion_tokens" : "max_tokens", out var maxTokens, out error)
            || (maxTokens is null && chat && !TryReadCount(body, "max_tokens", out maxTokens, out error))
            || !TryReadCount(body, "min_tokens", out var minTokens, out error, minimum: 0))
        {
            return false;
        }

        var tools = 0;
        string? call = null;
        if (chat && (!ChatChecks.TryCheckHistory(body.GetProperty("messages"), out error) || !ChatChecks.TryReadTools(body, out tools, out call, out error)))
        {
            return false;
        }

        request = new GenerationRequest
        {
            IsChat = chat,
            Model = model,
            Stream = ReadBool(body, "stream"),
            IncludeUsage = body.TryGetProperty("stream_options", out var options)
                && options.ValueKind == JsonValueKind.Object
                && ReadBool(options, "include_usage"),
            MaxTokens = maxTokens,
            MinTokens = minTokens ?? 0,
            IgnoreEos = ReadBool(body, "ignore_eos"),
            PromptTokens = promptTokens.Value,
            Messages = chat ? body.GetProperty("messages").GetArrayLength() : 0,
            Tools = tools,
            ToolCall = call,
        };
        error = "";
        return true;
    }

    internal static bool ReadBool(JsonElement owner, string name)
        => owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    internal static bool TryReadCount(JsonElement body, string name, out int? value, out string error, int minimum = 1)
    {
        value = null;
        error = "";
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number) || number < minimum)
        {
            error = $"'{name}' must be an integer of at least {minimum}.";
            return false;
        }

        value = number;
        return true;
    }
}
