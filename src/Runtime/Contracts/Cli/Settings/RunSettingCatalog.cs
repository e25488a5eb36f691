using System;
using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Cli.Settings;

/// <summary>
/// Every run setting, declared once: the MSBuild targets pass these properties (PodBench.targets), the runner accepts
/// these options per verb (<c>RunnerArguments</c>), a child runner and a cluster pod get these variables
/// (<see cref="RunnerCommandLine"/>, the ConfigMap), and docs/settings.md holds <see cref="SettingTable.Markdown"/>.
/// </summary>
public static class RunSettingCatalog
{
    private const string Run = "run";
    private const string Merge = "merge";
    private const string Report = "report";
    private const string Manifests = "manifests";

    /// <summary>The runner's verbs, in the order its help lists them.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["list", Run, Merge, Report, Manifests, "simulate", "help"];

    /// <summary>Base URL every model's requests go to.</summary>
    public static RunSetting Endpoint { get; } = new()
    {
        Property = "BenchmarkEndpoint",
        Option = "endpoint",
        Variable = "BENCHMARK_ENDPOINT",
        Kind = SettingKind.Url,
        Verbs = [Run, Manifests],
        Default = "the plan's; the simulator when the plan names it",
        Doc = "base URL every model's requests go to (overrides the plan)",
        EnvironmentOnly = true,
        Get = s => s.Endpoint,
        Set = (s, v) => s with { Endpoint = (string)v },
    };

    /// <summary>Per-model base URLs.</summary>
    public static RunSetting Endpoints { get; } = new()
    {
        Property = "BenchmarkEndpoints",
        Option = "endpoints",
        Variable = "BENCHMARK_ENDPOINTS",
        Kind = SettingKind.Endpoints,
        Verbs = [Run, Manifests],
        Doc = "per model: `abbr=url` pairs separated by `;` (written `%3B` on a command line)",
        EnvironmentOnly = true,
        Get = s => s.Endpoints.Count == 0 ? null : s.Endpoints,
        Set = (s, v) => s with { Endpoints = (IReadOnlyDictionary<string, string>)v },
    };

    /// <summary>Pressure mode.</summary>
    public static RunSetting Pressure { get; } = new()
    {
        Property = "BenchmarkPressure",
        Option = "pressure",
        Variable = "BENCHMARK_PRESSURE",
        Kind = SettingKind.Flag,
        Verbs = [Run, Manifests],
        Default = "the plan's (off)",
        Doc = "pressure mode: every connection sends again as soon as its answer ends, for `BenchmarkPressureTime` seconds",
        Get = s => s.Pressure,
        Set = (s, v) => s with { Pressure = (bool)v },
    };

    /// <summary>Pressure time, seconds.</summary>
    public static RunSetting PressureTime { get; } = new()
    {
        Property = "BenchmarkPressureTime",
        Option = "pressure-time",
        Variable = "BENCHMARK_PRESSURE_TIME",
        Kind = SettingKind.Seconds,
        Verbs = [Run, Manifests],
        Default = "the plan's (15)",
        Doc = "length of pressure mode in seconds; does nothing unless pressure mode is on",
        Get = s => s.PressureTime,
        Set = (s, v) => s with { PressureTime = (double)v },
    };

    /// <summary>Tasks of one pod in parallel.</summary>
    public static RunSetting MaxWorkers { get; } = new()
    {
        Property = "BenchmarkMaxWorkers",
        Option = "max-workers",
        Variable = "BENCHMARK_MAX_WORKERS",
        Kind = SettingKind.PositiveInt,
        Verbs = [Run, Manifests],
        Default = "the plan's (1)",
        Doc = "tasks of one pod run in parallel",
        What = "a positive number of parallel tasks",
        Get = s => s.MaxWorkers,
        Set = (s, v) => s with { MaxWorkers = (int)v },
    };

    /// <summary>Only the first N rows of each dataset.</summary>
    public static RunSetting NumPrompts { get; } = new()
    {
        Property = "BenchmarkNumPrompts",
        Option = "num-prompts",
        Variable = "BENCHMARK_NUM_PROMPTS",
        Kind = SettingKind.PositiveInt,
        Verbs = [Run, Manifests],
        Default = "the plan's (all)",
        Doc = "only the first N rows of each dataset",
        What = "a positive number of prompts",
        Get = s => s.NumPrompts,
        Set = (s, v) => s with { NumPrompts = (int)v },
    };

    /// <summary>Microseconds the socket loop polls after its last event.</summary>
    public static RunSetting BusyPoll { get; } = new()
    {
        Property = "BenchmarkBusyPoll",
        Option = "busy-poll-us",
        Variable = SettingVariables.BusyPoll,
        Kind = SettingKind.NonNegativeInt,
        Verbs = [Run, Manifests],
        Default = "off",
        Doc = "µs the pods' socket loop keeps polling after its last event instead of sleeping: costs a core while streams run, and removes a VM's wake-up delay from client lag; e.g. `20000`",
        What = "a number of microseconds (0 or more)",
        Get = s => s.BusyPollMicroseconds,
        Set = (s, v) => s with { BusyPollMicroseconds = (int)v },
    };

    /// <summary>Whether readings are the kernel's arrival stamps.</summary>
    public static RunSetting ArrivalStamps { get; } = new()
    {
        Property = "BenchmarkArrivalStamps",
        Option = "arrival-stamps",
        Variable = SettingVariables.ArrivalStamps,
        Kind = SettingKind.Flag,
        Verbs = [Run, Manifests],
        Default = "on where supported (the epoll transport on 64-bit Linux)",
        Doc = "`false` takes each event's reading when the client reads it instead of when the kernel says it arrived, so the client's own queueing counts in TTFT and ITL as in clients without stamps",
        VariableAsDigit = true,
        Get = s => s.ArrivalStamps,
        Set = (s, v) => s with { ArrivalStamps = (bool)v },
    };

    /// <summary>Seconds between scrapes of the server's metrics.</summary>
    public static RunSetting ScrapeInterval { get; } = new()
    {
        Property = "BenchmarkScrapeInterval",
        Option = "scrape-interval",
        Variable = "BENCHMARK_SCRAPE_INTERVAL",
        Kind = SettingKind.Seconds,
        Verbs = [Run, Manifests],
        Default = "the plan's `ServerMetrics` (off)",
        Doc = "seconds between two scrapes of the server's Prometheus metrics (the plan's `ServerMetrics.Interval`); turns scraping of `/metrics` on when the plan has none (docs/metrics.md)",
        Get = s => s.ScrapeInterval,
        Set = (s, v) => s with { ScrapeInterval = (double)v },
    };

    /// <summary>Only this pod.</summary>
    public static RunSetting Pod { get; } = new()
    {
        Property = "BenchmarkPod",
        Option = "pod",
        Variable = Cluster.ClusterEnvironment.CompletionIndex,
        Kind = SettingKind.NonNegativeInt,
        Verbs = [Run, Manifests],
        Default = "all pods",
        Doc = "run only this pod (0-based), no merge: what one cluster pod does; with `KubernetesManifests`, only the Job that reruns it",
        What = "a pod number (a 0-based integer)",
    };

    /// <summary>Every setting and runner option, in the order of the table.</summary>
    public static IReadOnlyList<RunSetting> All { get; } =
    [
        new() { Property = "BenchmarkOutput", Option = "output", Kind = SettingKind.Path, Verbs = [Run, Merge, Report], Default = "`outputs/default` beside the plan project", Doc = "root folder of runs" },
        new() { Property = "BenchmarkRun", Option = "run", Kind = SettingKind.Text, Verbs = [Run, Merge, Report, Manifests], Default = "local time `YYYYmmdd_HHMMSS` (merge: the newest run)", Doc = "run folder name; pods on different machines that share a volume use the same name" },
        Pod,
        Endpoint,
        Endpoints,
        Pressure,
        PressureTime,
        MaxWorkers,
        NumPrompts,
        BusyPoll,
        ArrivalStamps,
        ScrapeInterval,
        new() { Property = "BenchmarkAllowPartial", Option = "partial", Kind = SettingKind.Flag, Verbs = [Run, Merge, Report, Manifests], Default = "false", Doc = "merge what is complete when pods are missing" },
        new() { Property = "BenchmarkBaseline", Option = "baseline", Kind = SettingKind.Path, Verbs = [Run, Merge, Report, Manifests], Doc = "a run folder (or a run's name) the reports compare with" },
        new() { Property = "BenchmarkImport", Option = "import", Kind = SettingKind.Text, Verbs = [Merge], Doc = "AISBench output folders, one per pod, separated by `%3B`: imported into a new run folder (`BenchmarkRun`, else `import_<UTC timestamp>`) and merged exactly; each pod's first send is put at 0 on the merged axis (docs/metrics.md)" },
        new() { Property = "BenchmarkVerbosity", Option = "verbosity", Kind = SettingKind.Text, Verbs = [Merge, Report], Default = "compact", Doc = "`detailed` prints every pod's and the merge's full tables; by default the console shows one compact summary that fits 120 columns and ends with the report's path" },
        new() { Property = "BenchmarkManifests", Option = "out", Kind = SettingKind.Path, Verbs = [Manifests], Default = "`k8s` beside the plan project", Doc = "where `KubernetesManifests` writes" },
        new() { Property = "BenchmarkImage", Option = "image", Kind = SettingKind.Text, Verbs = [Manifests], Default = "(required)", Doc = "the container image holding the published runner (`deploy/Dockerfile`)" },
        new() { Property = "BenchmarkNamespace", Option = "namespace", Kind = SettingKind.Text, Verbs = [Manifests], Default = "`default`", Doc = "namespace of every Kubernetes object" },
        new() { Property = "BenchmarkApiKeySecret", Option = "api-key-secret", Kind = SettingKind.Text, Verbs = [Manifests], Default = "no key", Doc = "the Secret holding the API key (key `api-key`); it reaches the pods through `secretKeyRef` only" },
        new() { Property = "BenchmarkStorageClass", Option = "storage-class", Kind = SettingKind.Text, Verbs = [Manifests], Default = "the cluster's default class", Doc = "storage class of the run volume; it must offer ReadWriteMany" },
        new() { Property = "BenchmarkStorageSize", Option = "storage-size", Kind = SettingKind.Text, Verbs = [Manifests], Default = "`10Gi`", Doc = "size of the run volume" },
        new() { Property = "BenchmarkBarrierTimeout", Option = "barrier-timeout", Kind = SettingKind.Seconds, Verbs = [Run, Manifests], Default = "600", Doc = "seconds a pod waits at the start barrier for the others" },
        new() { Option = "json", Kind = SettingKind.Flag, Verbs = ["list"], Doc = "print the plan listing as JSON" },
        new() { Option = "check", Kind = SettingKind.Flag, Verbs = ["list"], Doc = "also check that every pod's files (datasets, tokenizers) exist; `RunBenchmark` asks so before any pod starts" },
        new() { Option = "simulator", Kind = SettingKind.Url, Verbs = [Run], Doc = "URL of a simulated server already running (`RunBenchmark` starts one for every pod)" },
        new() { Option = "reuse", Kind = SettingKind.Flag, Verbs = [Run], Doc = "resume the pod's work already in the run folder (a retried cluster pod)" },
        new() { Option = "barrier", Kind = SettingKind.Flag, Verbs = [Run], Doc = "wait at the start barrier in the run folder for the other pods" },
        new() { Option = "local-barrier", Kind = SettingKind.Flag, Verbs = [Run], Doc = "the barrier of pods started together on one machine (no clock probes)" },
        new() { Option = "merge-follows", Kind = SettingKind.Flag, Verbs = [Run], Doc = "a merge of the run follows (`RunBenchmark` passes it): the pod skips its own task summary (`.csv`/`.json`, tables), which the merge writes" },
        new() { Option = "port", Kind = SettingKind.NonNegativeInt, Verbs = ["simulate"], Default = "0 (any free port)", Doc = "port of the simulated server", What = "a port number" },
    ];

    /// <summary>The settings that override the plan (members of <see cref="Planning.RunSettings"/>).</summary>
    public static IReadOnlyList<RunSetting> Overrides { get; } = [.. All.Where(s => s.OverridesPlan)];

    /// <summary>The settings that have an MSBuild property.</summary>
    public static IReadOnlyList<RunSetting> Properties { get; } = [.. All.Where(s => s.Property is not null)];

    /// <summary>The options <paramref name="verb"/> accepts, without dashes.</summary>
    public static IReadOnlyList<string> OptionsOf(string verb) => [.. All.Where(s => s.Option is not null && s.Verbs.Contains(verb)).Select(s => s.Option!)];

    /// <summary>The setting with option <paramref name="option"/>, or null.</summary>
    public static RunSetting? ByOption(string option) => All.FirstOrDefault(s => s.Option == option);

    /// <summary>The setting with MSBuild property <paramref name="property"/> (case-insensitive, as MSBuild), or null.</summary>
    public static RunSetting? ByProperty(string property) =>
        Properties.FirstOrDefault(s => string.Equals(s.Property, property, StringComparison.OrdinalIgnoreCase));
}
