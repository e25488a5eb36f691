using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Finishes a run: verifies and merges every expected pod (DuckDB SQL), renders the reports, checks the gates.
/// The MSBuild <c>MergeRun</c> task and the runner's <c>merge</c> verb both call this one method. Sends nothing.
/// </summary>
public static class RunFinisher
{
    /// <summary>Merges, reports and gates the run in <paramref name="options"/>; progress lines go to <paramref name="log"/>.</summary>
    public static FinishOutcome Finish(FinishOptions options, TextWriter log)
    {
        var layout = new RunLayout(Path.GetFullPath(options.RunDirectory));
        if (!File.Exists(layout.PlanFile))
        {
            throw new UsageException($"{layout.Root} has no {PlanDocument.FileName}: it is not a PodBench run folder, or no pod of it ever started.");
        }

        var plan = PlanDocument.Read(layout.PlanFile);
        var merging = RunnerCpu.StepStarted();
        MergeOutcome merged;
        try
        {
            log.WriteLine($"merging {plan.Pods.Count} pod(s) of {layout.Root}");
            merged = RunMerger.Merge(new MergeOptions
            {
                RunDirectory = layout.Root,
                ExpectedPods = plan.Pods.Select(p => p.Index).ToArray(),
                AllowPartial = options.AllowPartial,
                Statistics = plan.Statistics,
                StableStage = plan.StableStage,
                Gates = plan.Gates,
                CommandStartedUtcNs = ParentWatch.CommandStartedUtcNs(),
            });
        }
        catch (MergeException e)
        {
            return new FinishOutcome
            {
                Errors = [e.Busy ? e.Message : e.Message + " Rerun the missing pods with -p:BenchmarkPod=N and the same BenchmarkRun, or merge what is complete with -p:BenchmarkAllowPartial=true."],
            };
        }

        var errors = new List<string>();
        var warnings = new List<string>();
        if (merged.Partial)
        {
            warnings.Add("the merge is PARTIAL: " + string.Join("; ", merged.Problems));
        }

        // the alignment goes first: a staggered merge's duration and throughputs mean something else
        var alignment = merged.Document.Alignment;
        if (alignment is { Staggered: true, Warning: { } staggered })
        {
            warnings.Insert(0, staggered);
        }

        var success = merged.Merged.Globals.FirstOrDefault(g => g.Key == "Success Requests" && g.Stage == "total")?.Value ?? 0;
        if (success <= 0)
        {
            errors.Add("no request succeeded in this run: " + string.Join("; ", merged.Merged.Failures.Select(f => $"{f.Reason} ({f.Count})")));
        }

        var files = new List<string>(merged.Files);
        var mergeStep = RunnerCpu.StepStarted();
        var report = ReportRenderer.Render(layout.Root, new ReportOptions { BaselineRunDirectory = options.Baseline });
        files.Add(report.MarkdownPath);
        files.Add(report.HtmlPath);
        if (report.StepSummaryPath is { } summaryFile)
        {
            files.Add(summaryFile);
        }

        if (merged.JUnitPath is { } junit)
        {
            files.Add(junit);
        }

        return new FinishOutcome
        {
            Errors = errors,
            Warnings = warnings,
            FailedGates = merged.Gates.Where(g => !g.Passed).Select(g => g.Message).ToArray(),
            // the staggered warning stays one line (it is also an MSBuild warning); the rest fits 120 columns
            ConsoleText = (alignment is null ? "" : alignment.Staggered ? "warning: " + PodAlignment.Describe(alignment) + "\n" : ConsoleSummary.Fit(PodAlignment.Describe(alignment)))
                + $"merge_results/merged ({merged.Document.MergedPods.Count} of {merged.Document.ExpectedPods.Count} pods)\n" + ConsoleSummary.Render(merged.Document, skipStaggered: true),
            DetailText = ConsoleTables.Render(merged.Merged)
                + $"merge: CPU s (wall s): {RunnerCpu.Between(merging, mergeStep)} merge, {RunnerCpu.Between(mergeStep, RunnerCpu.StepStarted())} reports; process CPU {RunnerCpu.ProcessCpu()} s\n",
            ReportPath = report.HtmlPath,
            Files = files.Distinct(StringComparer.Ordinal).ToArray(),
        };
    }
}
