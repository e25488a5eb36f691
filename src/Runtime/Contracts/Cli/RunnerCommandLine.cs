using System.Collections.Generic;
using System.Globalization;
using PodBench.Runtime.Cli.Settings;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Builds the runner's argument lists, so that MSBuild, the Kubernetes manifests and tests start pods the same way.
/// Secrets are never arguments: the API key and the endpoint URLs (which may carry a password) travel in the environment.
/// </summary>
public static class RunnerCommandLine
{
    /// <summary>The arguments of <c>run</c> for one pod (or every pod when <paramref name="pod"/> is null).</summary>
    public static IReadOnlyList<string> Run(int? pod, string outputRoot, string runName, RunSettings settings, string? simulatorUrl = null)
    {
        var args = new List<string> { "run" };
        if (pod is { } p)
        {
            args.Add("--pod");
            args.Add(p.ToString(CultureInfo.InvariantCulture));
        }

        args.AddRange(["--output", outputRoot, "--run", runName]);
        args.AddRange(Settings(settings));
        if (simulatorUrl is not null)
        {
            args.AddRange(["--simulator", simulatorUrl]);
        }

        return args;
    }

    /// <summary>
    /// The environment that carries <paramref name="settings"/>' endpoints (see <see cref="RunSetting.EnvironmentOnly"/>):
    /// a URL may hold a password, and a command line is visible to every local user (<c>ps</c>). A variable the
    /// settings leave empty is set empty, so the child never falls back to one inherited from the caller's environment.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(RunSettings settings) => RunSettingValues.ChildEnvironment(settings);

    /// <summary>The option arguments that carry <paramref name="settings"/>, except the endpoints (see <see cref="Environment"/>).</summary>
    public static IReadOnlyList<string> Settings(RunSettings settings) => RunSettingValues.CommandLine(settings);
}
