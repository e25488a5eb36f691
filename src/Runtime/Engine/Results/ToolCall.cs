namespace PodBench.Runtime.Results;

/// <summary>One function call the model made (a response's <c>tool_calls</c> entry), as the details record keeps it.</summary>
/// <param name="Id">The server's id of the call; null when it sent none.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">The arguments as the model wrote them (JSON text, possibly invalid: kept as sent).</param>
public sealed record ToolCall(string? Id, string Name, string Arguments);
