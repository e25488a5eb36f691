using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodBench.Runtime.Planning;

/// <summary>
/// What a run folder records about its plan (<c>&lt;run&gt;/plan.json</c>): pods, tasks, statistics, gates, run
/// options. The merge and the reports read it; it never holds a secret.
/// </summary>
public sealed record PlanDocument
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "plan.json";

    /// <summary>The plan class's full name.</summary>
    public required string PlanType { get; init; }

    /// <summary>A hash of the plan's structure and settings (hex), identical on every pod of one run.</summary>
    public required string PlanHash { get; init; }

    /// <summary>Every pod and its tasks.</summary>
    public required IReadOnlyList<PodDocument> Pods { get; init; }

    /// <summary>The statistic columns.</summary>
    public required IReadOnlyList<string> Statistics { get; init; }

    /// <summary>Whether the stable stage is reported.</summary>
    public bool StableStage { get; init; } = true;

    /// <summary>Goodput limits (ms), or null for no goodput.</summary>
    public PodBench.Dsl.GoodputSlo? Goodput { get; init; }

    /// <summary>SLO gates checked on the merge.</summary>
    public IReadOnlyList<GateDocument> Gates { get; init; } = [];

    /// <summary>Pressure mode.</summary>
    public bool Pressure { get; init; }

    /// <summary>Pressure time, seconds.</summary>
    public double PressureTime { get; init; }

    /// <summary>Tasks of one pod run in parallel.</summary>
    public int MaxWorkers { get; init; } = 1;

    /// <summary>The plan's sweep, or null: every level of it is a task of its own in <see cref="Pods"/>.</summary>
    public SweepDocument? Sweep { get; init; }

    /// <summary>
    /// Writes the document to <paramref name="path"/> atomically (<see cref="Results.AtomicFile"/>), so that
    /// pods starting together, which write the same document, never see a half-written one.
    /// </summary>
    public void Write(string path)
    {
        Results.AtomicFile.Write(path, JsonSerializer.Serialize(this, Options), overwrite: true);
    }

    /// <summary>Reads a document written by <see cref="Write"/>.</summary>
    public static PlanDocument Read(string path) =>
        JsonSerializer.Deserialize<PlanDocument>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty plan document.");
}
