using System.Collections.Generic;
using System.Text.Json;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// The simulated prompt as a sequence of token hashes, for the prefix cache: the same tokens
/// <see cref="PromptTokenCounter"/> counts. Chat renders each message as <c>&lt;|im_start|&gt;</c>, its role,
/// <c>\n</c>, its words, <c>&lt;|im_end|&gt;</c>, <c>\n</c> (5 template tokens) and ends with the assistant's opening
/// <c>&lt;|im_start|&gt; assistant \n</c> (3), so a later turn that carries this reply starts with exactly this
/// request's tokens followed by the reply's words. Completions: the prompt's words, or its token ids.
/// </summary>
internal static class PromptTokens
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private static readonly ulong Start = Hash("<|im_start|>");
    private static readonly ulong End = Hash("<|im_end|>");
    private static readonly ulong Newline = Hash("\n");
    private static readonly ulong Assistant = Hash("assistant");

    /// <summary>The token hashes of a body the parser accepted (<see cref="RequestParser"/>).</summary>
    public static List<ulong> Of(JsonElement body, bool chat)
    {
        var tokens = new List<ulong>();
        if (chat && body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                tokens.Add(Start);
                tokens.Add(message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? Hash(role.GetString()!) : 0);
                tokens.Add(Newline);
                if (message.TryGetProperty("content", out var content))
                {
                    AddContent(tokens, content);
                }

                tokens.Add(End);
                tokens.Add(Newline);
            }

            tokens.Add(Start);
            tokens.Add(Assistant);
            tokens.Add(Newline);
        }
        else if (!chat && body.TryGetProperty("prompt", out var prompt))
        {
            if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() > 0 && prompt[0].ValueKind == JsonValueKind.Number)
            {
                foreach (var id in prompt.EnumerateArray())
                {
                    tokens.Add(Mix(Offset, id.TryGetInt64(out var n) ? (ulong)n : 0) ^ 0x9E3779B97F4A7C15UL);
                }
            }
            else
            {
                AddContent(tokens, prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() == 1 ? prompt[0] : prompt);
            }
        }

        return tokens;
    }

    /// <summary>Adds the token hashes of the simulator's generated text (<see cref="OutputText"/>) of <paramref name="count"/> tokens.</summary>
    public static void AddOutput(List<ulong> tokens, int count)
    {
        for (var i = 0; i < count; i++)
        {
            tokens.Add(Hash(OutputText.TokenText(i).Trim()));
        }
    }

    /// <summary>The hash of one token's text (FNV-1a, 64 bits).</summary>
    public static ulong Hash(string text)
    {
        var h = Offset;
        foreach (var c in text)
        {
            h = Mix(h, c);
        }

        return h;
    }

    /// <summary>One step of the hash: <paramref name="value"/> folded into <paramref name="h"/>.</summary>
    public static ulong Mix(ulong h, ulong value)
    {
        h = (h ^ value) * Prime;
        return h ^ (h >> 29);
    }

    private static void AddContent(List<ulong> tokens, JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                AddWords(tokens, content.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        AddWords(tokens, text.GetString()!);
                    }
                }

                break;
        }
    }

    private static void AddWords(List<ulong> tokens, string text)
    {
        var h = Offset;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    tokens.Add(h);
                }

                inWord = false;
                h = Offset;
            }
            else
            {
                inWord = true;
                h = Mix(h, c);
            }
        }

        if (inWord)
        {
            tokens.Add(h);
        }
    }
}
