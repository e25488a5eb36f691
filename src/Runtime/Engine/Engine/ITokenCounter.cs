namespace PodBench.Runtime.Engine;

/// <summary>Counts tokens of a text, used when the server reports no usage. Implementations must be thread-safe.</summary>
public interface ITokenCounter
{
    /// <summary>The number of tokens of <paramref name="text"/>.</summary>
    int CountTokens(string text);

    /// <summary>
    /// The input tokens of a chat request whose only message is the user <paramref name="prompt"/>: the prompt
    /// rendered by the model's chat template (with the generation prompt), then counted. This default counts the bare
    /// prompt, for counters that know no template.
    /// </summary>
    int CountChatPromptTokens(string prompt) => CountTokens(prompt);
}
