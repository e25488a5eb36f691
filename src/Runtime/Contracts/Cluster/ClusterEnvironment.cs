using System;
using System.Collections.Generic;
using System.Globalization;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// The environment variables a cluster pod gets from the run's ConfigMap (see <c>KubernetesManifestWriter</c>)
/// besides the run settings, whose variables <see cref="Cli.Settings.RunSettingCatalog"/> declares.
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

    /// <summary>Writes <paramref name="endpoints"/> as <c>abbr=url;abbr=url</c> (sorted by abbr).</summary>
    public static string FormatEndpoints(IReadOnlyDictionary<string, string> endpoints)
    {
        var keys = new List<string>(endpoints.Keys);
        keys.Sort(StringComparer.Ordinal);
        return string.Join(';', keys.ConvertAll(k => k + "=" + endpoints[k]));
    }

    /// <summary>Seconds as the ConfigMap writes them.</summary>
    public static string FormatSeconds(double seconds) => seconds.ToString("R", CultureInfo.InvariantCulture);
}
