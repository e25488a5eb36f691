namespace PodBench.Runtime.Engine;

/// <summary>A later turn of a conversation: the user's next message and its <c>max_tokens</c>.</summary>
/// <param name="Prompt">The user message.</param>
/// <param name="MaxTokens">Its <c>max_tokens</c>; null takes the endpoint's <c>MaxOutLen</c>.</param>
public sealed record ConversationTurn(string Prompt, int? MaxTokens);
