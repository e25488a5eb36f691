using System.Collections.Generic;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Planning;

namespace PodBench.Build.Tasks;

/// <summary>Reads the run-setting MSBuild properties, with errors that name the property.</summary>
internal static class BenchmarkProperties
{
    public static RunSettings Settings(string? endpoint, string? endpoints, string? pressure, string? pressureTime, string? maxWorkers, string? numPrompts, IReadOnlyCollection<string>? knownModels) => new()
    {
        Endpoint = SettingParser.Url("BenchmarkEndpoint", endpoint),
        Endpoints = SettingParser.Endpoints("BenchmarkEndpoints", endpoints, knownModels),
        Pressure = SettingParser.Flag("BenchmarkPressure", pressure),
        PressureTime = SettingParser.Seconds("BenchmarkPressureTime", pressureTime),
        MaxWorkers = SettingParser.PositiveInt("BenchmarkMaxWorkers", maxWorkers, "a positive number of parallel tasks"),
        NumPrompts = SettingParser.PositiveInt("BenchmarkNumPrompts", numPrompts, "a positive number of prompts"),
    };
}
