using System.Text.RegularExpressions;
using Xunit;

namespace PodBench.Runtime.Tests.Reports;

/// <summary>The report page's one inline script (toggling and zoom): found, checked and taken out.</summary>
public static partial class ReportHtml
{
    /// <summary>The page without its script, after checking that it has exactly one, inline (no src) and local (no URL).</summary>
    public static string WithoutScript(string html)
    {
        var scripts = ScriptBlock().Matches(html);
        Assert.Single(scripts);
        Assert.StartsWith("<script>", scripts[0].Value, System.StringComparison.Ordinal);
        Assert.DoesNotContain("://", scripts[0].Value, System.StringComparison.Ordinal);
        var rest = html.Remove(scripts[0].Index, scripts[0].Length);
        Assert.DoesNotContain("<script", rest, System.StringComparison.OrdinalIgnoreCase);
        return rest;
    }

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptBlock();
}
