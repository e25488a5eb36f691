using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Metrics;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Results;
using PodBench.Runtime.Workloads;

namespace PodBench.Runtime.Cli;

/// <summary>
/// One task of a pod, in two phases. <see cref="PrepareAsync"/> resolves its server, key, tokenizer and rows (every
/// input error before any request is sent), asks the served model and warms the engine up; the pod then meets the
/// others at the start barrier. <see cref="RunAsync"/> drives the measured requests into the result files from the
/// agreed instant, then summarizes the task and prints its tables.
/// </summary>
internal static class TaskExecution
{
    /// <summary>Prepares <paramref name="task"/>; null (the error printed) when it cannot run.</summary>
    public static async Task<PreparedTask?> PrepareAsync(RunnerContext context, TaskSpec task, RunLayout layout, RunOptions run, PodRunOptions options, PodClock clock, TextWriter output, CancellationToken cancellationToken)
    {
        var prefix = Prefix(task);
        try
        {
            var baseUrl = EndpointResolver.Resolve(task.Model, options.Settings, options.SimulatorUrl);
            var apiKey = ApiKeys.Resolve(task.Model.ApiKey);
            var tokenizer = task.Model.TokenizerPath is { Length: > 0 } path ? HfTokenizer.Load(Path.GetFullPath(path, context.BaseDirectory)) : null;
            var rows = DatasetLoader.Load(task.Dataset, task.Model, context.BaseDirectory, tokenizer, run.NumPrompts, notice => output.WriteLine($"{prefix} {notice}"), Path.GetFileName(layout.Root));
            var repeated = PromptSalt.Repeats(rows);
            if (repeated > 0)
            {
                RunnerDiagnostics.Warning(output, $"{prefix} {PromptSalt.RepeatWarning(repeated, rows.Count, task.Dataset.Abbr)}");
            }

            var resume = SkipFinished(layout, task, run, output, prefix);
            var servedModel = task.Model.Model ?? (!PodBench.Shared.PlanApis.SendsModelName((int)task.Model.Api) ? null
                : await ModelDiscovery.GetFirstModelIdAsync(baseUrl, apiKey, task.Model.Tls, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false));
            var model = task.Model with { Model = servedModel };
            var concurrency = ReplicaSplit.SplitConcurrency(model.Concurrency, task.Replica, task.Replicas);
            var turns = rows.Sum(r => r.Session?.LaterTurns.Count ?? 0);
            output.WriteLine($"{prefix} {(turns == 0 ? $"{rows.Count} request(s)" : $"{rows.Count} session(s), {rows.Count + turns} request(s)")} to {UrlSecrets.Display(baseUrl)} (model {servedModel ?? "not sent"}, concurrency {concurrency}{(run.Pressure ? $", pressure {run.PressureTime.TotalSeconds:0.###} s" : "")})");
            var progress = new ConsoleProgress(prefix, output);
            var engine = await TaskRunner.PrepareAsync(
                new TaskRunRequest { Task = task with { Model = model }, BaseUrl = baseUrl, ApiKey = apiKey, Rows = rows, Run = run, Tokenizer = tokenizer, Clock = clock, Skip = resume.Finished },
                progress,
                cancellationToken).ConfigureAwait(false);
            return new PreparedTask(task, prefix, concurrency, engine, progress, resume) { RepeatedPrompts = repeated };
        }
        catch (Exception e) when (IsPlainError(e) && !cancellationToken.IsCancellationRequested)
        {
            RunnerDiagnostics.Error(output, $"{prefix} {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// The measured phase of a prepared task: its files are opened first, then the requests start when
    /// <paramref name="start"/> completes (at the agreed instant, with the phase's origin), or now when it is null.
    /// With <paramref name="mergeFollows"/> a first, non-pressure attempt is not summarized: its counts come from the
    /// writer and the merge writes the task's <c>.csv</c>/<c>.json</c> (<see cref="PodRunOptions.MergeFollows"/>).
    /// </summary>
    public static async Task<TaskResult> RunAsync(RunnerContext context, PreparedTask prepared, RunLayout layout, RunOptions run, Task<long>? start, bool mergeFollows, TextWriter output, CancellationToken cancellationToken)
    {
        var (task, prefix, model, concurrency) = (prepared.Task, prepared.Prefix, prepared.Model, prepared.Concurrency);
        try
        {
            TaskOutcome outcome;
            var writer = TaskResultWriter.Open(layout, task.Pod, model.Abbr, task.Dataset.Abbr);
            var window = new WindowSink(writer);
            await using (writer.ConfigureAwait(false))
            {
                try
                {
                    outcome = await TaskRunner.RunAsync(prepared.Engine, window, prepared.Progress, start, cancellationToken).ConfigureAwait(false);
                    RunnerCpu.LoadEnded();
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped (Ctrl+C, SIGTERM, the parent build gone): the records written so far stay, the journal is
                    // kept as a killed pod leaves it, and no time goes to converting it.
                    await writer.CloseWithoutConversionAsync().ConfigureAwait(false);
                    throw;
                }

                var step = RunnerCpu.StepStarted();
                await writer.CompleteAsync(name =>
                {
                    RunnerCpu.StepEnded(name, step);
                    step = RunnerCpu.StepStarted();
                }).ConfigureAwait(false);
            }

            if (outcome.ReadDelay.Count > 0)
            {
                output.WriteLine($"{prefix} read delay (arrival to read, kept out of the readings): p50 {outcome.ReadDelay.P50Us / 1000:0.###} ms, p99 {outcome.ReadDelay.P99Us / 1000:0.###} ms, max {outcome.ReadDelay.MaxUs / 1000:0.###} ms");
            }

            if (!outcome.ClientKeptUp && outcome.ClientMessage is { } message)
            {
                RunnerDiagnostics.Warning(output, $"{prefix} {message}");
            }

            // A resumed task counts its earlier attempts' records too, and a pressure task warns from its E2EL: both summarize.
            var summarize = !mergeFollows || run.Pressure || prepared.Resume.EarlierFiles.Count > 0 || prepared.Resume.Finished.Count > 0;
            var counts = summarize ? Summarize(context, layout, task, model, concurrency, outcome, run, output, prefix) : new PodRecordCounts(writer.Written, writer.Written - writer.Failed, writer.Failed);
            var files = prepared.Resume.EarlierFiles.Concat(TaskFiles(layout, task.Dataset.Abbr, model.Abbr, writer)).ToList();
            return new TaskResult(task, true, new PodTaskFiles(model.Abbr, task.Dataset.Abbr, concurrency, counts, files)
            {
                ReadDelay = outcome.ReadDelay.Count > 0 ? outcome.ReadDelay : null,
                RepeatedPrompts = prepared.RepeatedPrompts,
                TargetRate = outcome.TargetRate,
            })
            {
                FirstSendUtcNs = window.FirstSendUtcNs,
                LastEndUtcNs = window.LastEndUtcNs,
            };
        }
        catch (OperationCanceledException) when (start is { IsCanceled: true })
        {
            // the pod never reached the agreed instant (the barrier failed): it says why
            return new TaskResult(task, false, null);
        }
        catch (Exception e) when (IsPlainError(e) && !cancellationToken.IsCancellationRequested)
        {
            RunnerDiagnostics.Error(output, $"{prefix} {e.Message}");
            return new TaskResult(task, false, null);
        }
    }

    /// <summary>The task's own summary: its <c>.csv</c>/<c>.json</c>, its tables and the warnings read from it; returns its counts.</summary>
    private static PodRecordCounts Summarize(RunnerContext context, RunLayout layout, TaskSpec task, ModelEndpoint model, int concurrency, TaskOutcome outcome, RunOptions run, TextWriter output, string prefix)
    {
        var summarizing = RunnerCpu.StepStarted();
        var summary = TaskSummaries.SummarizeTask(layout, task.Pod, model.Abbr, task.Dataset.Abbr, new SummaryRequest
        {
            Scope = model.Abbr + "/" + task.Dataset.Abbr,
            Statistics = context.Plan.Summary.Statistics.Select(s => s.Name).ToArray(),
            Stable = context.Plan.Summary.StableStage,
            Goodput = context.Plan.Summary.Goodput,
            MaxConcurrency = concurrency,
            TargetRate = outcome.TargetRate,
        }, latestOnly: run.Pressure);
        RunnerCpu.StepEnded("task summary", summarizing);
        var tables = RunnerCpu.StepStarted();
        output.WriteLine($"{prefix} results");
        output.WriteLine(ConsoleTables.Render(summary));
        RunnerCpu.StepEnded("console tables", tables);
        if (PromptCache.Warning(summary) is { } cache)
        {
            RunnerDiagnostics.Warning(output, $"{prefix} {cache}");
        }

        WarnShortPressure(run, summary, output, prefix);
        return Counts(summary);
    }

    /// <summary>The console prefix of a task's lines.</summary>
    private static string Prefix(TaskSpec task) => $"[{task.Model.Abbr} x {task.Dataset.Abbr}]";

    /// <summary>
    /// A run folder that holds earlier attempts of this pod at the task resumes it (docs/run-folder.md): files stay
    /// append-only, and the views count each request once (its success if any, else its last failure).
    /// </summary>
    private static TaskResume SkipFinished(RunLayout layout, TaskSpec task, RunOptions run, TextWriter output, string prefix) =>
        TaskResume.Prepare(layout, task, run.Pressure, output, prefix);

    /// <summary>The task's counts as its summary counted them: every request once, over every attempt of this pod.</summary>
    private static PodRecordCounts Counts(PerfSummary summary)
    {
        long Count(string key) => (long)(summary.Globals.FirstOrDefault(g => g.Key == key && g.Stage == "total")?.Value ?? 0);
        return new PodRecordCounts(Count("Total Requests"), Count("Success Requests"), Count("Failed Requests"));
    }

    private static void WarnShortPressure(RunOptions run, PerfSummary summary, TextWriter output, string prefix)
    {
        if (!run.Pressure)
        {
            return;
        }

        var e2el = summary.Metrics.FirstOrDefault(m => m.Metric == "E2EL" && m.Stage == "total");
        var mean = e2el?.Values.FirstOrDefault(v => v.Key == "Average").Value;
        if (mean is > 0 && run.PressureTime.TotalSeconds < 3 * mean.Value)
        {
            RunnerDiagnostics.Warning(output, $"{prefix} the pressure time {run.PressureTime.TotalSeconds:0.###} s is shorter than three times the mean E2EL ({mean.Value:0.###} s): results may be inaccurate; raise BenchmarkPressureTime to at least {Math.Ceiling(3 * mean.Value)} s.");
        }
    }

    private static List<string> TaskFiles(RunLayout layout, string dataset, string model, TaskResultWriter writer)
    {
        var files = new List<string> { layout.DetailsFile(model, dataset), writer.ParquetPath, layout.CsvFile(model, dataset), layout.JsonFile(model, dataset) };
        if (File.Exists(layout.FailedFile(model, dataset)))
        {
            files.Add(layout.FailedFile(model, dataset));
        }

        return files.Where(File.Exists).ToList();
    }

    private static bool IsPlainError(Exception e) =>
        e is UsageException or DatasetException or TokenizerException or WarmUpFailedException or HttpRequestException or IOException or InvalidDataException or TaskCanceledException or ArgumentException or TimeoutException;
}
