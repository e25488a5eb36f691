using System;
using System.IO;
using System.Linq;
using System.Threading;
using PodBench.Dsl;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>
/// The runner behind the generated <c>Main</c> of a plan project. Verbs: <c>list</c>, <c>run</c>, <c>merge</c>,
/// <c>report</c>, <c>manifests</c>, <c>simulate</c>. A cluster pod runs only this program (no SDK).
/// </summary>
public static class RunnerMain
{
    /// <summary>Exit code of a usage or plan error.</summary>
    public const int UsageExitCode = RunnerExitCodes.Usage;

    /// <summary>Exit code when a run completed but an SLO gate failed.</summary>
    public const int GateExitCode = RunnerExitCodes.Gate;

    /// <summary>Runs the verb in <paramref name="args"/> for <paramref name="plan"/>; returns the process exit code.</summary>
    public static int Run(BenchmarkPlan plan, GeneratedPlan generated, string[] args)
    {
        Engine.EngineProcessSettings.Apply();
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (a Job deleted, RunBenchmark cancelled) stops the run as Ctrl+C does: finished requests are kept.
        using var onTerminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        ParentWatch.Start(cancel, Console.Error, args.Length > 0 && args[0] == "simulate" ? ParentWatch.SimulatorGrace : ParentWatch.PodGrace);
        Engine.ProcessLimits.RaiseOpenFileLimit();
        try
        {
            return Dispatch(plan, generated, RunnerArguments.Parse(args), Console.Out, cancel.Token);
        }
        catch (UsageException e)
        {
            RunnerDiagnostics.Error(Console.Error, e.Message, e.Code);
            return UsageExitCode;
        }
        catch (PlanException e) when (RunnerChannel.Current is not null)
        {
            foreach (var error in e.Errors)
            {
                var text = $"{error.Member}: {error.Message}";
                RunnerDiagnostics.Report(Console.Error, new DiagnosticMessage(error.IsWarning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, Engine.UrlSecrets.Redact(text)) { Code = error.Id });
            }

            return UsageExitCode;
        }
        catch (PlanException e)
        {
            foreach (var line in e.Message.Split('\n'))
            {
                Console.Error.WriteLine("error " + Engine.UrlSecrets.Redact(line.TrimEnd('\r')));
            }

            return UsageExitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            RunnerDiagnostics.Error(Console.Error, "cancelled; every request that finished is kept in the run folder.");
            return 130;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("PODBENCH_TRACE") != "1")
        {
            // A plain line for the user; PODBENCH_TRACE=1 lets the stack trace through for a bug report.
            RunnerDiagnostics.Error(Console.Error, $"{e.GetType().Name}: {e.Message} (set PODBENCH_TRACE=1 for the stack trace)");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs one parsed command, writing to <paramref name="output"/>.</summary>
    public static int Dispatch(BenchmarkPlan plan, GeneratedPlan generated, RunnerArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var context = RunnerContext.Create(plan, generated, Directory.GetCurrentDirectory());
        switch (args.Verb)
        {
            case "help":
                output.WriteLine(Help(generated.PlanType));
                return 0;
            case "list":
                return List(context, args, output);
            case "simulate":
                return SimulateVerb.Run(plan.Simulator, SettingParser.NonNegativeInt("--port", args.Get("port"), "a port number") ?? 0, output, cancellationToken);
            case "run":
                return RunVerb.Run(context, args, output, cancellationToken);
            case "merge":
            case "report":
                return FinishVerb.Run(context, args, output);
            case "manifests":
                return ManifestsVerb.Run(context, args, output);
            default:
                throw new UsageException($"'{args.Verb}' is not a verb of this runner.");
        }
    }

    private static int List(RunnerContext context, RunnerArguments args, TextWriter output)
    {
        if (args.Flag("check"))
        {
            PlanFilesCheck.Check(context);
        }

        var listing = context.Listing(new RunSettings());
        if (args.Flag("json"))
        {
            output.WriteLine(listing.ToJson());
            return 0;
        }

        output.WriteLine($"{context.Generated.PlanType}: {listing.Plan.Pods.Count} pod(s)");
        foreach (var pod in listing.Plan.Pods)
        {
            output.WriteLine($"  pod {pod.Index}: " + string.Join(", ", pod.Tasks.Select(t => $"{t.Model} x {t.Dataset} (concurrency {t.Concurrency}{(t.Replicas > 1 ? $", replica {t.Replica + 1}/{t.Replicas}" : "")})")));
        }

        if (listing.NeedsSimulator)
        {
            output.WriteLine("  served by the built-in simulator: " + string.Join(", ", listing.SimulatedModels));
        }

        return 0;
    }

    private static string Help(string planType) => $"""
        {planType}: a PodBench benchmark runner.

        Verbs:
          list [--json] [--check]       the plan's pods and tasks (--check: and whether every file they read exists)
          run [--pod N] [--output DIR] [--run NAME] [--endpoint URL] [--endpoints a=url;b=url]
              [--pressure] [--pressure-time S] [--max-workers N] [--num-prompts N] [--busy-poll-us N]
              [--arrival-stamps true|false] [--simulator URL] [--reuse]
                                        run one pod (N, else JOB_COMPLETION_INDEX), or every pod and then merge
          merge [--output DIR] [--run NAME] [--partial] [--baseline DIR] [--import DIR;DIR...]
                                        merge a run's pods, summarize, render reports, check gates (sends nothing);
                                        --import: reference-tool output folders, one per pod, imported into a new run
          report [--output DIR] [--run NAME] [--baseline DIR]
                                        re-render the reports of a merged run (merges first when it is not)
          manifests --out DIR --image IMAGE [--namespace NS] [--run NAME] [--api-key-secret NAME]
              [--storage-class NAME] [--storage-size SIZE] [--barrier-timeout S] [--partial] [--baseline RUN]
              [--pod N] [the run settings of run]
                                        Kubernetes manifests that run the pods as an Indexed Job (--pod N: only
                                        the Job that reruns pod N)
          simulate [--port N]           the built-in simulated OpenAI-compatible server

        The API key comes from the environment (BENCHMARK_API_KEY unless the plan names another variable).
        """;
}
