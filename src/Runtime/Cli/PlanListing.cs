using System.IO;
using System.Text.Json;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>
/// What the runner's <c>list --json</c> verb prints: the plan document (pods, tasks, statistics, gates; never a
/// secret) and whether any task needs the built-in simulated server. The MSBuild tasks read it.
/// </summary>
public sealed record PlanListing
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The plan as it will run.</summary>
    public required PlanDocument Plan { get; init; }

    /// <summary>True when some model has no address, so the simulator must answer it.</summary>
    public bool NeedsSimulator { get; init; }

    /// <summary>Model abbrs that the simulator answers.</summary>
    public string[] SimulatedModels { get; init; } = [];

    /// <summary>Serializes the listing.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses a listing printed by <c>list --json</c>.</summary>
    public static PlanListing Parse(string json) =>
        JsonSerializer.Deserialize<PlanListing>(json, Options) ?? throw new InvalidDataException("The runner printed an empty plan listing.");
}
