using System.Text.Json;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// Reads a native API's body: MindIE and TGI <c>{"inputs", "parameters"}</c> (MindIE with <c>stream</c>), Triton
/// <c>{"text_input", "parameters"}</c>; <c>parameters.max_new_tokens</c> (Triton also <c>max_tokens</c>),
/// <c>ignore_eos</c>, <c>min_tokens</c> and <c>details</c>.
/// </summary>
internal static class NativeRequestParser
{
    public static bool TryParse(JsonElement body, NativeRoute route, out GenerationRequest request, out string error)
    {
        request = new GenerationRequest();
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a JSON object.";
            return false;
        }

        var promptName = route.IsTriton ? "text_input" : "inputs";
        if (!body.TryGetProperty(promptName, out var prompt) || prompt.ValueKind != JsonValueKind.String)
        {
            error = $"'{promptName}' must be a string.";
            return false;
        }

        var parameters = body.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        int? maxTokens = null;
        if (parameters.ValueKind == JsonValueKind.Object
            && (!TryReadCount(parameters, "max_new_tokens", out maxTokens, out error)
                || (maxTokens is null && route.IsTriton && !TryReadCount(parameters, "max_tokens", out maxTokens, out error))))
        {
            return false;
        }

        int? minTokens = null;
        if (parameters.ValueKind == JsonValueKind.Object && !TryReadCount(parameters, "min_tokens", out minTokens, out error))
        {
            return false;
        }

        request = new GenerationRequest
        {
            Native = route.Api,
            Model = route.Model,
            Stream = route.StreamsByPath || (route.Api == NativeApi.MindieInfer && IsTrue(body, "stream")),
            MaxTokens = maxTokens,
            MinTokens = minTokens ?? 0,
            IgnoreEos = parameters.ValueKind == JsonValueKind.Object && IsTrue(parameters, "ignore_eos"),
            Details = parameters.ValueKind == JsonValueKind.Object && IsTrue(parameters, "details"),
            PromptTokens = PromptTokenCounter.CountWords(prompt.GetString()!),
        };
        error = "";
        return true;
    }

    private static bool IsTrue(JsonElement owner, string name) => owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static bool TryReadCount(JsonElement owner, string name, out int? value, out string error)
    {
        value = null;
        error = "";
        if (!owner.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number) || number < (name == "min_tokens" ? 0 : 1))
        {
            error = $"'parameters.{name}' must be a positive integer.";
            return false;
        }

        value = number;
        return true;
    }
}
