using System;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// What a model's chat template renders around a single user message with <c>add_generation_prompt=True</c>, for
/// the template families whose rendering of that case is known: ChatML (Qwen: an optional default system prompt,
/// <c>&lt;|im_start|&gt;user\n…&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n</c>) and DeepSeek
/// (<c>{{bos_token}}&lt;｜User｜&gt;…&lt;｜Assistant｜&gt;</c>, plus whatever the template's generation prompt adds,
/// e.g. R1's <c>&lt;think&gt;\n</c>). Other templates would need a Jinja engine; <see cref="Recognize"/> returns null.
/// </summary>
internal sealed partial record ChatPromptTemplate(string Family, string Prefix, string Suffix)
{
    private const string ChatMLUser = "<|im_start|>user\n";
    private const string ChatMLSuffix = "<|im_end|>\n<|im_start|>assistant\n";
    private const string DeepSeekUser = "<｜User｜>";
    private const string DeepSeekAssistant = "<｜Assistant｜>";

    /// <summary>The rendering of one user message.</summary>
    public string Render(string prompt) => string.Concat(Prefix, prompt, Suffix);

    /// <summary>The known rendering of <paramref name="template"/>, or null. <paramref name="bosText"/> is what <c>bos_token</c> expands to.</summary>
    public static ChatPromptTemplate? Recognize(string? template, string? bosText)
    {
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }

        if (template.Contains("<|im_start|>", StringComparison.Ordinal))
        {
            return DefaultSystemPrompt(template) is { } system
                ? new("chatml", "<|im_start|>system\n" + system + "<|im_end|>\n" + ChatMLUser, ChatMLSuffix)
                : new("chatml", ChatMLUser, ChatMLSuffix);
        }

        if (template.Contains("'" + DeepSeekUser + "' + message['content']", StringComparison.Ordinal)
            && GenerationPrompt(template) is { } generation && generation.StartsWith(DeepSeekAssistant, StringComparison.Ordinal))
        {
            var bos = BosRegex().IsMatch(template) ? bosText ?? "" : "";
            return new("deepseek", bos + DeepSeekUser, generation);
        }

        return null;
    }

    private static string? DefaultSystemPrompt(string template)
    {
        // Qwen2.5 style: {{- '<|im_start|>system\nYou are ...<|im_end|>\n' }} when the messages bring no system prompt.
        var match = DefaultSystemRegex().Match(template);
        return match.Success ? Unescape(match.Groups[1].Value) : null;
    }

    /// <summary>The literal the template emits under <c>{% if add_generation_prompt … %}</c>.</summary>
    private static string? GenerationPrompt(string template)
    {
        var match = GenerationRegex().Match(template);
        return match.Success ? Unescape(match.Groups[1].Value) : null;
    }

    private static string Unescape(string literal) => literal.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\'", "'", StringComparison.Ordinal);

    [GeneratedRegex(@"'<\|im_start\|>system\\n([^'{}+]+?)<\|im_end\|>\\n'")]
    private static partial Regex DefaultSystemRegex();

    [GeneratedRegex(@"\{%-?\s*if add_generation_prompt[^%]*%\}\s*\{\{-?\s*'((?:[^'\\]|\\.)*)'\s*-?\}\}")]
    private static partial Regex GenerationRegex();

    [GeneratedRegex(@"\{\{-?\s*bos_token\s*-?\}\}")]
    private static partial Regex BosRegex();
}
