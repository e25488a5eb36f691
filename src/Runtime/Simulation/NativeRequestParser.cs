using System.Text.Json;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// Reads a native API's body: MindIE and TGI <c>{"inputs", "parameters"}</c> (MindIE with <c>stream</c>), Triton
/// <c>{"text_input", "parameters"}</c>; <c>parameters.max_new_tokens</c> (Triton also <c>max_tokens</c>),
/// <c>ignore_eos</c>, <c>min_tokens</c> and <c>details</c>.
/// </summary>
internal static class NativeRequestParser
{
    private static readonly JsonElement NoParameters = JsonDocument.Parse("{}").RootElement.Clone();

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

        var parameters = body.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : NoParameters;
        if (!RequestParser.TryReadCount(parameters, "max_new_tokens", out var maxTokens, out error)
            || (maxTokens is null && route.IsTriton && !RequestParser.TryReadCount(parameters, "max_tokens", out maxTokens, out error))
            || !RequestParser.TryReadCount(parameters, "min_tokens", out var minTokens, out error, minimum: 0))
        {
            return false;
        }

        request = new GenerationRequest
        {
            Native = route.Api,
            Model = route.Model,
            Stream = route.StreamsByPath || (route.Api == NativeApi.MindieInfer && RequestParser.ReadBool(body, "stream")),
            MaxTokens = maxTokens,
            MinTokens = minTokens ?? 0,
            IgnoreEos = RequestParser.ReadBool(parameters, "ignore_eos"),
            Details = RequestParser.ReadBool(parameters, "details"),
            PromptTokens = PromptTokenCounter.CountWords(prompt.GetString()!),
        };
        error = "";
        return true;
    }
}
