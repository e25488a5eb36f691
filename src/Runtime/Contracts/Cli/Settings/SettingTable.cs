using System.Text;

namespace PodBench.Runtime.Cli.Settings;

/// <summary>The settings table of docs/settings.md, written from <see cref="RunSettingCatalog"/> (a test keeps the file equal to it).</summary>
public static class SettingTable
{
    /// <summary>The Markdown table: one row per setting.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("| MSBuild property | runner option | environment | verbs | meaning | default |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var s in RunSettingCatalog.All)
        {
            text.Append("| ").Append(Code(s.Property))
                .Append(" | ").Append(Code(s.Switch))
                .Append(" | ").Append(Code(s.Variable))
                .Append(" | ").Append(string.Join(", ", s.Verbs))
                .Append(" | ").Append(s.Doc)
                .Append(" | ").Append(s.Default)
                .Append(" |\n");
        }

        return text.ToString();
    }

    private static string Code(string? name) => name is null ? "" : "`" + name + "`";
}
