using System.Text;

namespace PodBench.Runtime.Reports;

/// <summary>Escapes text for a Markdown table cell or line: no markup, no pipe, no line break gets through.</summary>
internal static class MarkdownText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '|' => "\\|",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '`' => "\\`",
                '*' => "\\*",
                '_' => "\\_",
                '[' => "\\[",
                ']' => "\\]",
                '\r' or '\n' => " ",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
