using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Cli.Settings;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Simulation;

namespace PodBench.Runtime.Cli;

/// <summary>
/// The <c>run</c> verb: one pod (<c>--pod N</c>, else <c>JOB_COMPLETION_INDEX</c>) into a run folder; or, with
/// neither, every pod in this process followed by the merge and the reports.
/// </summary>
internal static class RunVerb
{
    public static int Run(RunnerContext context, RunnerArguments args, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(context, args, output, cancellationToken).GetAwaiter().GetResult();

    /// <summary>The run settings given on the command line.</summary>
    /// <remarks>An option not given falls back to the cluster's environment (the ConfigMap of the Kubernetes manifests).</remarks>
    public static RunSettings Settings(RunnerContext context, RunnerArguments args)
    {
        foreach (var setting in RunSettingCatalog.Overrides)
        {
            if (setting.EnvironmentOnly)
            {
                WarnVisiblePassword(setting.Switch!, setting.Variable!, args.Get(setting.Option!));
            }
        }

        return RunSettingValues.Read(
            s => args.Get(s.Option!) is { } text ? (s.Switch!, text) : (s.Variable!, Environment.GetEnvironmentVariable(s.Variable!)),
            context.ModelAbbrs);
    }

    private static void WarnVisiblePassword(string option, string variable, string? value)
    {
        if (Engine.UrlSecrets.HasUserInfo(value))
        {
            RunnerDiagnostics.Warning(Console.Error, $"{option} carries a URL with user info (user:password@): every local user can read it in the process list (ps); set {variable} in the environment instead.");
        }
    }

    /// <summary>The pod to run: <c>--pod</c>, else <c>JOB_COMPLETION_INDEX</c>, else null (every pod).</summary>
    public static int? PodIndex(RunnerContext context, RunnerArguments args)
    {
        var setting = RunSettingCatalog.Pod;
        var pod = (int?)(setting.Parse(setting.Switch!, args.Get(setting.Option!))
            ?? setting.Parse(setting.Variable!, Environment.GetEnvironmentVariable(setting.Variable!)));
        if (pod is { } p && p >= context.Pods.Count)
        {
            throw new UsageException($"pod {p}: the plan has {context.Pods.Count} pod(s), numbered 0 to {context.Pods.Count - 1}.");
        }

        return pod;
    }

    private static async Task<int> RunAsync(RunnerContext context, RunnerArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = Settings(context, args);
        if (settings.BusyPollMicroseconds is { } busyPoll)
        {
            Engine.Transport.EpollLoop.BusyPollMicroseconds = busyPoll;
        }

        if (settings.ArrivalStamps is { } stamps)
        {
            Engine.Transport.ArrivalStamps.Enabled = stamps;
        }

        var pod = PodIndex(context, args);
        PlanFilesCheck.Check(context);
        var outputRoot = Path.GetFullPath(args.Get("output") ?? Path.Combine(context.BaseDirectory, "outputs", "default"));
        var runName = args.Get("run") ?? DateTime.Now.ToString("yyyyMMdd_HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        RunLocator.CheckRunName(runName, "--run");

        var runDirectory = Path.Combine(outputRoot, runName);
        using var runLock = pod is null ? RunOwner.Acquire(runDirectory, "--run") : null;
        var listing = context.Listing(settings);
        OpenFilesCheck.Check(context, pod is { } only ? [only] : Enumerable.Range(0, context.Pods.Count).ToArray(), context.EffectiveRun(settings));
        var simulatorUrl = SettingParser.Url("--simulator", args.Get("simulator"));
        SimulatorServer? simulator = null;
        try
        {
            if (listing.NeedsSimulator && simulatorUrl is null)
            {
                simulator = await SimulatorServer.StartAsync(context.Plan.Simulator, 0, cancellationToken).ConfigureAwait(false);
                simulatorUrl = simulator.BaseUrl.ToString().TrimEnd('/');
                output.WriteLine($"PodBench simulator listening on {simulatorUrl} (for {string.Join(", ", listing.SimulatedModels)})");
            }

            var pods = pod is { } one ? new[] { one } : Enumerable.Range(0, context.Pods.Count).ToArray();

            // pods started together on this machine meet at the barrier, so they measure the same moment as on a cluster
            var local = args.Flag("local-barrier") || (pod is null && pods.Length > 1);
            var options = new PodRunOptions(runDirectory, settings, simulatorUrl, args.Flag("reuse"), args.Flag("barrier") || local,
                SettingParser.Seconds("--barrier-timeout", args.Get("barrier-timeout")))
            {
                LocalBarrier = local,
                MergeFollows = pod is null || args.Flag("merge-follows"),
            };
            var results = await Task.WhenAll(pods.Select(p => PodRunner.RunAsync(context, p, options, output, cancellationToken))).ConfigureAwait(false);
            var exit = results.Max();
            if (pod is not null)
            {
                return exit;
            }

            var finish = RunFinisher.Finish(new FinishOptions(runDirectory, args.Flag("partial"), args.Get("baseline")), output);
            FinishVerb.Print(finish, output);
            return Math.Max(exit, FinishVerb.ExitCode(finish));
        }
        finally
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
