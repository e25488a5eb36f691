namespace PodBench.Runtime.Cli.Settings;

/// <summary>
/// The environment variables of the settings the engine itself reads at start (<see cref="RunSettingCatalog"/> uses
/// them, and so does the engine): constants, so that the catalog, which the MSBuild tasks load, needs no engine.
/// </summary>
public static class SettingVariables
{
    /// <summary>Microseconds the socket loop polls after its last event (<c>BenchmarkBusyPoll</c>).</summary>
    public const string BusyPoll = "PODBENCH_BUSY_POLL_US";

    /// <summary>Whether readings are the kernel's arrival stamps (<c>BenchmarkArrivalStamps</c>).</summary>
    public const string ArrivalStamps = "PODBENCH_ARRIVAL_STAMPS";
}
