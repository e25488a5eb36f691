using System;
using System.IO;
using System.Text;
using DuckDB.NET.Data;
using PodBench.Runtime.Merge;
using Scriban;
using Scriban.Runtime;

namespace PodBench.Runtime.Reports;

/// <summary>
/// Renders a merged run's reports from Scriban templates: <c>report.md</c> (fits a CI job summary or a PR comment)
/// and <c>report.html</c> (self-contained: inline CSS and SVG, no script, no external resource).
/// </summary>
public static class ReportRenderer
{
    /// <summary>report.md stays under this many characters (GitHub's limit for a comment or job summary is 65,536).</summary>
    public const int MaxMarkdownChars = 60_000;

    /// <summary>Renders the reports of the merged run in <paramref name="runDir"/>; reads files only.</summary>
    public static ReportOutcome Render(string runDir, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        runDir = Path.GetFullPath(runDir);
        var mergeDir = Path.Combine(runDir, "performances", RunMerger.MergeFolder);
        var document = MergeSummaryDocument.Read(Path.Combine(mergeDir, MergeSummaryDocument.FileName));
        var comparison = options.BaselineRunDirectory is null ? null : BaselineComparer.Compare(runDir, options.BaselineRunDirectory, options.RegressionThresholdPercent);
        ReportModel model;
        var dbPath = Path.Combine(mergeDir, "db_data", "merged.duckdb");
        using (var connection = new DuckDBConnection("Data Source=" + dbPath + ";ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            model = ReportModelBuilder.Build(connection, document, mergeDir, comparison, options.TimelineRequests);
        }

        var outputDir = options.OutputDirectory ?? runDir;
        Directory.CreateDirectory(outputDir);
        var markdown = Markdown(model);
        var html = RenderTemplate("report.html.sbn", model);
        var mdPath = Path.Combine(outputDir, "report.md");
        var htmlPath = Path.Combine(outputDir, "report.html");
        File.WriteAllText(mdPath, markdown, new UTF8Encoding(false));
        File.WriteAllText(htmlPath, html, new UTF8Encoding(false));
        var summary = options.AppendStepSummary ? StepSummary.Append(markdown) : null;
        return new ReportOutcome(mdPath, htmlPath, summary, comparison);
    }

    /// <summary>
    /// report.md with every task's full tables when that stays under <see cref="MaxMarkdownChars"/>; otherwise with as
    /// many as fit (the compact per-task table always lists every task).
    /// </summary>
    private static string Markdown(ReportModel model)
    {
        var all = RenderTemplate("report.md.sbn", model);
        if (all.Length <= MaxMarkdownChars || model.Tasks.Count == 0)
        {
            return all;
        }

        model.MarkdownTaskDetails = 0;
        var none = RenderTemplate("report.md.sbn", model);
        var perTask = Math.Max(1.0, (all.Length - none.Length) / (double)model.Tasks.Count);
        for (var count = (int)Math.Floor((MaxMarkdownChars - none.Length) / perTask); count > 0; count--)
        {
            model.MarkdownTaskDetails = count;
            var some = RenderTemplate("report.md.sbn", model);
            if (some.Length <= MaxMarkdownChars)
            {
                return some;
            }
        }

        model.MarkdownTaskDetails = 0;
        return none;
    }

    private static string RenderTemplate(string name, ReportModel model)
    {
        var template = Template.Parse(ReadResource(name), name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"{name}: {string.Join("; ", template.Messages)}");
        }

        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        globals.Import("md", new Func<string?, string>(MarkdownText.Escape));
        var context = new TemplateContext { MemberRenamer = StandardMemberRenamer.Default, LoopLimit = int.MaxValue, StrictVariables = true };
        context.PushGlobal(globals);
        return template.Render(context);
    }

    private static string ReadResource(string name)
    {
        var assembly = typeof(ReportRenderer).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (resource.EndsWith("." + name, StringComparison.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
        }

        throw new InvalidOperationException($"The template {name} is not embedded in {assembly.GetName().Name}.");
    }
}
