using System.IO;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Reports;

namespace PodBench.Runtime.Cli;

/// <summary>The <c>merge</c> and <c>report</c> verbs: merge a run's pods, render the reports, check the gates.</summary>
internal static class FinishVerb
{
    public static int Run(RunnerContext context, RunnerArguments args, TextWriter output)
    {
        var outputRoot = args.Get("output") ?? Path.Combine(context.BaseDirectory, "outputs", "default");
        var runDirectory = args.Get("import") is { Length: > 0 } import
            ? ReferenceImportRun.Stage(outputRoot, args.Get("run"), import, output)
            : RunLocator.Resolve(outputRoot, args.Get("run"));
        if (args.Verb == "report" && File.Exists(Path.Combine(runDirectory, "performances", "merge_results", MergeSummaryDocument.FileName)))
        {
            // The merge is done (e.g. by the cluster's merge Job): only render the reports again.
            var report = ReportRenderer.Render(runDirectory, new ReportOptions { BaselineRunDirectory = args.Get("baseline") });
            output.WriteLine("wrote " + report.MarkdownPath);
            output.WriteLine("wrote " + report.HtmlPath);
            return 0;
        }

        var outcome = RunFinisher.Finish(new FinishOptions(runDirectory, args.Flag("partial"), args.Get("baseline")), output);
        Print(outcome, output);
        return ExitCode(outcome);
    }

    public static void Print(FinishOutcome outcome, TextWriter output)
    {
        output.Write(outcome.ConsoleText);
        output.Write(outcome.DetailText);
        foreach (var warning in outcome.Warnings)
        {
            output.WriteLine("warning: " + warning);
        }

        foreach (var error in outcome.Errors)
        {
            output.WriteLine("error: " + error);
        }

        foreach (var gate in outcome.FailedGates)
        {
            output.WriteLine("error: SLO gate failed: " + gate);
        }

        foreach (var file in outcome.Files)
        {
            output.WriteLine("wrote " + file);
        }

        if (outcome.ReportPath is { } report)
        {
            output.WriteLine("report: " + report);
        }
    }

    public static int ExitCode(FinishOutcome outcome) => outcome.Errors.Count > 0 ? 1 : outcome.FailedGates.Count > 0 ? RunnerMain.GateExitCode : 0;
}
