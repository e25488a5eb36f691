using System.Text.Json;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// Counts a prompt's tokens the way the simulator pretends to tokenize: one token per whitespace-separated word,
/// plus, for chat, a chat template's overhead (like Qwen's <c>&lt;|im_start|&gt;user\n ... &lt;|im_end|&gt;\n</c>):
/// <see cref="TokensPerMessage"/> per message and <see cref="GenerationPromptTokens"/> for the assistant's turn.
/// </summary>
internal static class PromptTokenCounter
{
    /// <summary>Template tokens around each chat message.</summary>
    public const int TokensPerMessage = 5;

    /// <summary>Template tokens that open the assistant's reply.</summary>
    public const int GenerationPromptTokens = 3;

    /// <summary>Whitespace-separated words of <paramref name="text"/>.</summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                words++;
            }
        }

        return words;
    }

    /// <summary>Tokens of a chat <c>messages</c> array; null when it is not a valid one.</summary>
    public static int? CountChat(JsonElement messages)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var tokens = GenerationPromptTokens;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            tokens += TokensPerMessage;
            if (!message.TryGetProperty("content", out var content))
            {
                continue;
            }

            switch (content.ValueKind)
            {
                case JsonValueKind.String:
                    tokens += CountWords(content.GetString()!);
                    break;
                case JsonValueKind.Array:
                    foreach (var part in content.EnumerateArray())
                    {
                        if (part.ValueKind == JsonValueKind.Object
                            && part.TryGetProperty("text", out var text)
                            && text.ValueKind == JsonValueKind.String)
                        {
                            tokens += CountWords(text.GetString()!);
                        }
                    }

                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return null;
            }
        }

        return tokens;
    }

    /// <summary>
    /// Tokens of a completions <c>prompt</c>: a string (words), an array of token ids (their count) or an array of
    /// one string; null when it is none of these (batched prompts are not simulated).
    /// </summary>
    public static int? CountPrompt(JsonElement prompt)
    {
        switch (prompt.ValueKind)
        {
            case JsonValueKind.String:
                return CountWords(prompt.GetString()!);
            case JsonValueKind.Array:
                var length = prompt.GetArrayLength();
                if (length == 0)
                {
                    return null;
                }

                var first = prompt[0];
                if (first.ValueKind == JsonValueKind.Number)
                {
                    return length;
                }

                return length == 1 && first.ValueKind == JsonValueKind.String ? CountWords(first.GetString()!) : null;
            default:
                return null;
        }
    }
}
