namespace PodBench.Dsl;

/// <summary>
/// A function the model may call: one entry of the request's <c>tools</c> list, sent in the OpenAI shape
/// <c>{"type": "function", "function": {"name", "description", "parameters"}}</c> (reference:
/// <c>vllm_api_function_call_chat</c>, whose BFCL datasets carry the functions per request).
/// </summary>
/// <param name="Name">The function's name: 1 to 64 letters, digits, <c>_</c> or <c>-</c>, unique among the endpoint's tools.</param>
public sealed record ToolFunction(string Name)
{
    /// <summary>What the function does, for the model; null sends no description.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The JSON schema of the arguments, as JSON text of an object (sent verbatim as <c>parameters</c>). Default: an
    /// object without properties.
    /// </summary>
    public string Parameters { get; init; } = EmptyParameters;

    /// <summary>The default <see cref="Parameters"/>: <c>{"type": "object", "properties": {}}</c>.</summary>
    public const string EmptyParameters = "{\"type\": \"object\", \"properties\": {}}";
}
