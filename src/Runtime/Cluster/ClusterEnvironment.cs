using System;
using System.Collections.Generic;
using System.Globalization;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// The environment variables a cluster pod gets from the run's ConfigMap (see <see cref="KubernetesManifestWriter"/>),
/// and how the runner reads them back. Arguments on the runner's command line win over these.
/// </summary>
public static class ClusterEnvironment
{
    /// <summary>Set by Kubernetes on every pod of an Indexed Job: the pod's index, 0-based.</summary>
    public const string CompletionIndex = "JOB_COMPLETION_INDEX";

    /// <summary>The run folder name.</summary>
    public const string Run = "BENCHMARK_RUN";

    /// <summary>The run folder's full path inside the pod.</summary>
    public const string RunDirectory = "BENCHMARK_RUN_DIR";

    /// <summary>How many pods the run has (the barrier waits for this many).</summary>
    public const string PodCount = "BENCHMARK_POD_COUNT";

    /// <summary>Seconds a pod waits at the start barrier for the others.</summary>
    public const string BarrierTimeout = "BENCHMARK_BARRIER_TIMEOUT";

    /// <summary>Seconds between the last arrival at the barrier and the common start.</summary>
    public const string StartMargin = "BENCHMARK_START_MARGIN";

    /// <summary><c>true</c>/<c>false</c>: pressure mode.</summary>
    public const string Pressure = "BENCHMARK_PRESSURE";

    /// <summary>Pressure time, seconds.</summary>
    public const string PressureTime = "BENCHMARK_PRESSURE_TIME";

    /// <summary>Tasks of one pod run in parallel.</summary>
    public const string MaxWorkers = "BENCHMARK_MAX_WORKERS";

    /// <summary>Only the first N rows of each dataset.</summary>
    public const string NumPrompts = "BENCHMARK_NUM_PROMPTS";

    /// <summary>Base URL every model's requests go to.</summary>
    public const string Endpoint = "BENCHMARK_ENDPOINT";

    /// <summary>Per model: <c>abbr=url</c> pairs separated by <c>;</c>.</summary>
    public const string Endpoints = "BENCHMARK_ENDPOINTS";

    /// <summary>
    /// The pod index: <paramref name="argument"/> when given, else <see cref="CompletionIndex"/>; null when neither.
    /// </summary>
    /// <exception cref="FormatException">The variable is not a non-negative integer.</exception>
    public static int? PodIndex(int? argument, Func<string, string?> getVariable)
    {
        if (argument is not null)
        {
            return argument;
        }

        var text = getVariable(CompletionIndex);
        return text is null ? null : ParseInt(CompletionIndex, text, 0);
    }

    /// <summary>The run overrides found in the environment (<see cref="Environment.GetEnvironmentVariable(string)"/>).</summary>
    public static RunSettings ReadRunSettings() => ReadRunSettings(Environment.GetEnvironmentVariable);

    /// <summary>The run overrides found in the variables <paramref name="getVariable"/> returns.</summary>
    /// <exception cref="FormatException">A variable holds a value of the wrong form; the message names it.</exception>
    public static RunSettings ReadRunSettings(Func<string, string?> getVariable)
    {
        string? Get(string name) => string.IsNullOrWhiteSpace(getVariable(name)) ? null : getVariable(name)!.Trim();

        var pressure = Get(Pressure);
        var pressureTime = Get(PressureTime);
        var maxWorkers = Get(MaxWorkers);
        var numPrompts = Get(NumPrompts);
        var endpoints = Get(Endpoints);
        return new RunSettings
        {
            Endpoint = Get(Endpoint),
            Endpoints = endpoints is null ? new Dictionary<string, string>() : ParseEndpoints(endpoints),
            Pressure = pressure is null ? null : ParseBool(Pressure, pressure),
            PressureTime = pressureTime is null ? null : ParseSeconds(PressureTime, pressureTime),
            MaxWorkers = maxWorkers is null ? null : ParseInt(MaxWorkers, maxWorkers, 1),
            NumPrompts = numPrompts is null ? null : ParseInt(NumPrompts, numPrompts, 1),
        };
    }

    /// <summary>Parses <c>abbr=url;abbr=url</c>.</summary>
    /// <exception cref="FormatException">A pair has no '=' or an abbr is repeated.</exception>
    public static IReadOnlyDictionary<string, string> ParseEndpoints(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new FormatException($"{Endpoints}: '{Engine.UrlSecrets.Redact(pair)}' is not of the form abbr=url.");
            }

            if (!result.TryAdd(pair[..eq].Trim(), pair[(eq + 1)..].Trim()))
            {
                throw new FormatException($"{Endpoints}: model '{pair[..eq].Trim()}' is given twice.");
            }
        }

        return result;
    }

    /// <summary>Writes <paramref name="endpoints"/> as <c>abbr=url;abbr=url</c> (sorted by abbr).</summary>
    public static string FormatEndpoints(IReadOnlyDictionary<string, string> endpoints)
    {
        var keys = new List<string>(endpoints.Keys);
        keys.Sort(StringComparer.Ordinal);
        return string.Join(';', keys.ConvertAll(k => k + "=" + endpoints[k]));
    }

    /// <summary>Seconds as the ConfigMap writes them.</summary>
    public static string FormatSeconds(double seconds) => seconds.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses a number of seconds (&gt; 0) held by <paramref name="variable"/>.</summary>
    /// <exception cref="FormatException">Not a positive number; the message names the variable.</exception>
    public static double ParseSeconds(string variable, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
        {
            throw new FormatException($"{variable}='{text}': expected a positive number of seconds.");
        }

        return value;
    }

    private static bool ParseBool(string variable, string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new FormatException($"{variable}='{text}': expected true or false."),
    };

    private static int ParseInt(string variable, string text, int minimum)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new FormatException($"{variable}='{text}': expected a whole number of at least {minimum}.");
        }

        return value;
    }
}
