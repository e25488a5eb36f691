using System;
using System.Collections.Generic;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli.Settings;

/// <summary>
/// <see cref="RunSettings"/> to and from text, for every setting of <see cref="RunSettingCatalog.Overrides"/>: from
/// MSBuild properties, runner options or environment variables; to a child runner's command line and environment,
/// and to a cluster pod's ConfigMap.
/// </summary>
public static class RunSettingValues
{
    /// <summary>
    /// Reads the overrides; <paramref name="source"/> gives a setting's text and the name it was given by (for
    /// errors), or null when it is not given.
    /// </summary>
    /// <exception cref="UsageException">A value is of the wrong form; the message names it.</exception>
    public static RunSettings Read(Func<RunSetting, (string Label, string? Text)?> source, IReadOnlyCollection<string>? models)
    {
        var settings = new RunSettings();
        foreach (var setting in RunSettingCatalog.Overrides)
        {
            if (source(setting) is { } given && setting.Parse(given.Label, given.Text, models) is { } value)
            {
                settings = setting.Set!(settings, value);
            }
        }

        return settings;
    }

    /// <summary>The overrides found in environment variables (a cluster pod's ConfigMap, a parent runner).</summary>
    /// <exception cref="UsageException">A variable holds a value of the wrong form; the message names it.</exception>
    public static RunSettings FromEnvironment(Func<string, string?> getVariable, IReadOnlyCollection<string>? models = null) =>
        Read(s => s.Variable is { } v ? (v, getVariable(v)) : null, models);

    /// <summary>The option arguments that carry <paramref name="settings"/>, except those that travel only in the environment.</summary>
    public static IReadOnlyList<string> CommandLine(RunSettings settings)
    {
        var args = new List<string>();
        foreach (var setting in RunSettingCatalog.Overrides)
        {
            if (!setting.EnvironmentOnly && setting.Get!(settings) is { } value)
            {
                args.AddRange([setting.Switch!, setting.Format(value)]);
            }
        }

        return args;
    }

    /// <summary>
    /// The variables that carry the settings which travel only in the environment. One the settings leave empty is set
    /// empty, so a child never falls back to one inherited from its caller.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ChildEnvironment(RunSettings settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in RunSettingCatalog.Overrides)
        {
            if (setting.EnvironmentOnly)
            {
                environment[setting.Variable!] = setting.Get!(settings) is { } value ? setting.FormatVariable(value) : "";
            }
        }

        return environment;
    }

    /// <summary>Every set override as its variable holds it (a cluster pod's ConfigMap): unset ones are left out.</summary>
    public static IReadOnlyDictionary<string, string> Variables(RunSettings settings)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in RunSettingCatalog.Overrides)
        {
            if (setting.Variable is { } name && setting.Get!(settings) is { } value)
            {
                variables[name] = setting.FormatVariable(value);
            }
        }

        return variables;
    }
}
