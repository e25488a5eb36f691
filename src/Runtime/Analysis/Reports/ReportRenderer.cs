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
/// and <c>report.html</c> (self-contained: inline CSS, SVG and a small script for toggling and zoom that the page reads fine without; no external resource).
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
            var baseline = options.BaselineRunDirectory is null ? ((MergeSummaryDocument, string?)?)null
                : (MergeSummaryDocument.Read(BaselineComparer.SummaryPath(options.BaselineRunDirectory)), ComparisonCharts.Database(options.BaselineRunDirectory));
            model = ReportModelBuilder.Build(connection, document, mergeDir, comparison, options.TimelineRequests, baseline);
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
        if (model.Comparison is { } comparison && RenderTemplate("report.md.sbn", model).Length > MaxMarkdownChars)
        {
            // the baseline's per-task rows come before the tasks' full tables, but they too give way: the merge's row
            // and as many tasks as fit
            Fit(model, comparison.Tasks.Count, n => model.MarkdownComparisonRows = n);
        }

        return Fit(model, model.Tasks.Count, n => model.MarkdownTaskDetails = n);
    }

    /// <summary>Shows as many of <paramref name="count"/> blocks as fit under <see cref="MaxMarkdownChars"/> (set through <paramref name="show"/>) and returns that text.</summary>
    private static string Fit(ReportModel model, int count, Action<int> show)
    {
        show(count);
        var all = RenderTemplate("report.md.sbn", model);
        if (all.Length <= MaxMarkdownChars)
        {
            return all;
        }

        show(0);
        var without = RenderTemplate("report.md.sbn", model);
        var each = Math.Max(1.0, (all.Length - without.Length) / (double)Math.Max(1, count));
        for (var n = Math.Min(count, (int)Math.Floor((MaxMarkdownChars - without.Length) / each)); n > 0; n--)
        {
            show(n);
            var some = RenderTemplate("report.md.sbn", model);
            if (some.Length <= MaxMarkdownChars)
            {
                return some;
            }
        }

        show(0);
        return without;
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
        // LimitToString 0: Scriban cuts any text over 1 MB by default, and the page of 100 tasks and a baseline is longer
        var context = new TemplateContext { MemberRenamer = StandardMemberRenamer.Default, LoopLimit = int.MaxValue, StrictVariables = true, LimitToString = 0 };
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
