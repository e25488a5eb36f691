using System.Collections.Generic;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Planning;

namespace PodBench.Build;

/// <summary>A task that takes the run-setting properties of interface.md and reads them with errors that name them.</summary>
public abstract class RunSettingsTask : Microsoft.Build.Utilities.Task
{
    /// <summary><c>BenchmarkEndpoint</c>: base URL for every model.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>BenchmarkEndpoints</c>: abbr=url pairs separated by ';'.</summary>
    public string? Endpoints { get; set; }

    /// <summary><c>BenchmarkPressure</c>.</summary>
    public string? Pressure { get; set; }

    /// <summary><c>BenchmarkPressureTime</c>, seconds.</summary>
    public string? PressureTime { get; set; }

    /// <summary><c>BenchmarkMaxWorkers</c>.</summary>
    public string? MaxWorkers { get; set; }

    /// <summary><c>BenchmarkNumPrompts</c>.</summary>
    public string? NumPrompts { get; set; }

    /// <summary><c>BenchmarkBusyPoll</c>: microseconds the socket loop polls after its last event.</summary>
    public string? BusyPoll { get; set; }

    /// <summary><c>BenchmarkArrivalStamps</c>: whether readings are the kernel's arrival stamps.</summary>
    public string? ArrivalStamps { get; set; }

    /// <summary>The settings; <paramref name="knownModels"/>, when given, are the abbrs <c>BenchmarkEndpoints</c> may name.</summary>
    protected RunSettings ReadSettings(IReadOnlyCollection<string>? knownModels) => new()
    {
        Endpoint = SettingParser.Url("BenchmarkEndpoint", Endpoint),
        Endpoints = SettingParser.Endpoints("BenchmarkEndpoints", Endpoints, knownModels),
        Pressure = SettingParser.Flag("BenchmarkPressure", Pressure),
        PressureTime = SettingParser.Seconds("BenchmarkPressureTime", PressureTime),
        MaxWorkers = SettingParser.PositiveInt("BenchmarkMaxWorkers", MaxWorkers, "a positive number of parallel tasks"),
        NumPrompts = SettingParser.PositiveInt("BenchmarkNumPrompts", NumPrompts, "a positive number of prompts"),
        BusyPollMicroseconds = SettingParser.NonNegativeInt("BenchmarkBusyPoll", BusyPoll, "a number of microseconds (0 or more)"),
        ArrivalStamps = SettingParser.Flag("BenchmarkArrivalStamps", ArrivalStamps),
    };
}
