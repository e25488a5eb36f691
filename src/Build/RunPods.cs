using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.Build.Framework;
using PodBench.Build.Tasks;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Cli.Settings;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;

namespace PodBench.Build;

/// <summary>
/// Runs the pods of a plan: each pod is the plan's built runner in its own process (<c>run --pod i</c>), all in
/// parallel, with output prefixed by the pod. Starts one simulated server for every pod when the plan needs it.
/// </summary>
public sealed class RunPods : RunSettingsTask, ICancelableTask
{
    // Cancelled pods get this long to record their requests in flight as cancelled and close their files.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1.5);

    // The simulator outlives the pods' SIGINT by this much, so that they cancel their requests before it goes.
    private static readonly TimeSpan SimulatorDelay = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _cancel = new();
    private readonly List<Process> _processes = [];
    private Process? _simulator;
    private string _sharedModelPrefix = "";
    private bool _showTables;

    /// <summary>The plan project's built assembly (<c>$(TargetPath)</c>).</summary>
    [Required]
    public string RunnerAssembly { get; set; } = "";

    /// <summary>The dotnet host that runs it.</summary>
    public string DotnetHost { get; set; } = "dotnet";

    /// <summary>The plan project folder (the runner's working folder; relative dataset paths resolve here).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary><c>BenchmarkOutput</c>: the root folder of runs.</summary>
    [Required]
    public string OutputRoot { get; set; } = "";

    /// <summary><c>BenchmarkRun</c>: the run folder name.</summary>
    [Required]
    public string RunName { get; set; } = "";

    /// <summary>The run folder the pods wrote into.</summary>
    [Output]
    public string RunDirectory { get; set; } = "";

    /// <inheritdoc />
    public void Cancel()
    {
        _cancel.Cancel();
        Process[] pods;
        lock (_processes)
        {
            pods = [.. _processes];
        }

        RunnerProcess.Interrupt(pods);
        RunnerProcess.WaitAll(pods, SimulatorDelay);
        lock (_processes)
        {
            if (_simulator is not null)
            {
                RunnerProcess.Kill(_simulator);
            }
        }

        if (!RunnerProcess.WaitAll(pods, StopGrace - SimulatorDelay))
        {
            foreach (var pod in pods)
            {
                RunnerProcess.Kill(pod);
            }
        }
    }

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            Run();
        }
        catch (UsageException e)
        {
            Log.LogError(e.Message);
        }

        return !Log.HasLoggedErrors;
    }

    private void Run()
    {
        RunLocator.CheckRunName(RunName, "BenchmarkRun");
        var listing = PlanQuery.List(Log, DotnetHost, RunnerAssembly, ProjectDirectory, ProjectFile);
        if (listing is null)
        {
            return;
        }

        var podCount = listing.PodCount;
        var models = listing.Models;
        var settings = ReadSettings(models);
        if (PressureTimeCheck.Warning(settings, listing.Pressure, s => s.Property!) is { } pressureWarning)
        {
            Log.LogWarning(null, PressureTimeCheck.Code, null, ProjectFile, 0, 0, 0, 0, pressureWarning);
        }

        _sharedModelPrefix = NamePrefix.Shared(models);
        var onlyPod = (int?)Value(RunSettingCatalog.Pod);
        // one pod run alone is not merged: its own tables are its summary
        _showTables = VerbosityLevel.IsDetailed(Text(RunSettingCatalog.ByProperty("BenchmarkVerbosity")!)) || onlyPod is not null;
        if (onlyPod is { } chosen && chosen >= podCount)
        {
            throw new UsageException($"BenchmarkPod: the plan has {podCount} pod(s), numbered 0 to {podCount - 1}; there is no pod {chosen}.");
        }

        RunDirectory = Path.GetFullPath(Path.Combine(OutputRoot, RunName));
        using var runLock = onlyPod is null ? RunOwner.Acquire(RunDirectory, "BenchmarkRun") : null;
        var needsSimulator = listing.NeedsSimulator && settings.Endpoint is null
            && listing.SimulatedModels.Any(m => !settings.Endpoints.ContainsKey(m));
        Process? simulator = null;
        try
        {
            string? simulatorUrl = null;
            if (needsSimulator)
            {
                (simulator, simulatorUrl) = StartSimulator();
                if (simulatorUrl is null)
                {
                    return;
                }
            }

            var indices = onlyPod is { } one ? new[] { one } : Enumerable.Range(0, podCount).ToArray();
            Log.LogMessage(MessageImportance.High, $"PodBench: {indices.Length} pod(s) into {RunDirectory}" + (simulatorUrl is null ? "" : $" against the simulated server at {simulatorUrl}"));
            RunPodsInParallel(indices, settings, simulatorUrl, mergeFollows: onlyPod is null);
        }
        finally
        {
            if (simulator is not null)
            {
                lock (_processes)
                {
                    _simulator = null;
                    RunnerProcess.Kill(simulator);
                }

                // ends its channel too (the listener's socket folder in the temp folder goes with it)
                RunnerProcess.WaitForExit(simulator);
                simulator.Dispose();
            }
        }
    }

    private (Process?, string?) StartSimulator()
    {
        var ready = new ManualResetEventSlim();
        string? url = null;
        var process = RunnerProcess.Start(DotnetHost, RunnerAssembly, ["simulate", "--port", "0"], ProjectDirectory,
            line => Log.LogMessage(MessageImportance.Low, "[simulator] " + UrlSecrets.Redact(line)),
            line => Log.LogMessage(MessageImportance.Normal, "[simulator] " + UrlSecrets.Redact(line)),
            onMessage: message =>
            {
                if (message is ReadyMessage r)
                {
                    url ??= r.Url;
                    ready.Set();
                }
                else
                {
                    ChannelLog.Log(Log, message, "[simulator] ");
                }
            });
        lock (_processes)
        {
            _simulator = process;
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!ready.Wait(200))
        {
            if (process.HasExited || DateTime.UtcNow > deadline || _cancel.IsCancellationRequested)
            {
                Log.LogError($"The simulated server did not start (exit code {(process.HasExited ? process.ExitCode.ToString() : "none: timed out")}).");
                return (process, null);
            }
        }

        return (process, url);
    }

    private void RunPodsInParallel(int[] indices, RunSettings settings, string? simulatorUrl, bool mergeFollows)
    {
        var running = new List<(int Pod, Process Process)>();
        foreach (var pod in indices)
        {
            if (_cancel.IsCancellationRequested)
            {
                break;
            }

            var prefix = $"[pod {pod}] ";
            var args = RunnerCommandLine.Run(pod, OutputRoot, RunName, settings, simulatorUrl);
            if (indices.Length > 1)
            {
                // pods started together meet at the start barrier and measure from one instant, as on a cluster
                args = [.. args, "--local-barrier"];
            }

            if (mergeFollows)
            {
                // MergeRun follows: the pod's own task summary would only repeat the merge's work (docs/performance.md)
                args = [.. args, "--merge-follows"];
            }

            var process = RunnerProcess.Start(DotnetHost, RunnerAssembly, args, ProjectDirectory, line => Forward(prefix, line), line => Forward(prefix, line), RunnerCommandLine.Environment(settings), message => ChannelLog.Log(Log, message, prefix));
            lock (_processes)
            {
                _processes.Add(process);
            }

            running.Add((pod, process));
        }

        foreach (var (pod, process) in running)
        {
            RunnerProcess.WaitForExit(process);
            if (process.ExitCode != 0 && !_cancel.IsCancellationRequested)
            {
                Log.LogError(Directory.Exists(RunDirectory)
                    ? $"Pod {pod} failed (exit code {process.ExitCode}); its finished requests are kept in {RunDirectory}, and running the same command again resumes it."
                    : $"Pod {pod} failed (exit code {process.ExitCode}) before it created the run folder {RunDirectory}; nothing was kept.");
            }

            process.Dispose();
        }
    }

    private void Forward(string prefix, string line)
    {
        line = UrlSecrets.Redact(line);
        if (_sharedModelPrefix.Length > 0 && line.StartsWith("[" + _sharedModelPrefix, StringComparison.Ordinal))
        {
            // "[demo-vllm-api-general-chat-test1 x synthetic-test1] ..." as "[…test1 x synthetic-test1] ...": fits 120 columns
            line = "[…" + line[(_sharedModelPrefix.Length + 1)..];
        }

        // The runner's text is for people; its errors and warnings arrive typed over the channel (ChannelLog).
        Log.LogMessage(IsDetailLine(line.TrimStart()) && !_showTables ? MessageImportance.Normal : MessageImportance.High, prefix + line);
    }

    /// <summary>
    /// A line for the detailed console only: a pod's result tables (ConsoleTables: box-drawing rows, the title, the
    /// notes), its "results" heading, its read delay, and its step-by-step account of the time after the load.
    /// </summary>
    private static bool IsDetailLine(string line) =>
        line.Length > 0 && (line[0] is >= '\u2500' and <= '\u257F'
            || line.StartsWith("Performance Results of task", StringComparison.Ordinal)
            || line.StartsWith("Note: ", StringComparison.Ordinal)
            || line.EndsWith("] results", StringComparison.Ordinal)
            || line.Contains("] read delay (", StringComparison.Ordinal)
            || line.Contains(": after the load, CPU s (wall s): ", StringComparison.Ordinal));
}
