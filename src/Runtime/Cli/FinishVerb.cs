using System.IO;
using PodBench.Runtime.Cli.Channel;
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
            RunnerDiagnostics.Wrote(output, report.MarkdownPath);
            RunnerDiagnostics.Wrote(output, report.HtmlPath);
            return 0;
        }

        var outcome = RunFinisher.Finish(new FinishOptions(runDirectory, args.Flag("partial"), args.Get("baseline")), output);
        // Under a host (RunBenchmark) the full tables are for BenchmarkVerbosity=detailed; a person at a shell or a
        // cluster's merge Job log gets everything.
        Print(outcome, output, detailed: RunnerChannel.Current is null || Settings.VerbosityLevel.IsDetailed(args.Get("verbosity")));
        return ExitCode(outcome);
    }

    public static void Print(FinishOutcome outcome, TextWriter output, bool detailed = true)
    {
        output.Write(outcome.ConsoleText);
        if (detailed)
        {
            output.Write(outcome.DetailText);
        }

        foreach (var warning in outcome.Warnings)
        {
            RunnerDiagnostics.Warning(output, warning);
        }

        foreach (var error in outcome.Errors)
        {
            RunnerDiagnostics.Error(output, error);
        }

        foreach (var gate in outcome.FailedGates)
        {
            RunnerDiagnostics.GateFailed(output, gate);
        }

        foreach (var file in outcome.Files)
        {
            RunnerDiagnostics.Wrote(output, file);
        }

        if (outcome.ReportPath is { } report)
        {
            RunnerDiagnostics.ReportWritten(output, report);
        }
    }

    public static int ExitCode(FinishOutcome outcome) => outcome.Errors.Count > 0 ? 1 : outcome.FailedGates.Count > 0 ? RunnerMain.GateExitCode : 0;
}
