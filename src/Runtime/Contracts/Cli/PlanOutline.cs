using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PodBench.Runtime.Cli;

/// <summary>
/// What the MSBuild tasks need of the runner's <c>list --json</c> listing (the runner's <c>PlanListing</c>): how many
/// pods, which models, whether the plan turns pressure mode on and which models the simulator must answer. Read from
/// the listing's JSON, so the tasks need neither the plan's types nor the engine.
/// </summary>
/// <param name="PodCount">The pods of the plan.</param>
/// <param name="Models">The model abbrs of every task, each once, in the order of the pods.</param>
/// <param name="Pressure">The plan's <c>Run.Pressure</c>.</param>
/// <param name="NeedsSimulator">True when some model has no address, so the simulator must answer it.</param>
/// <param name="SimulatedModels">The model abbrs the simulator answers.</param>
public sealed record PlanOutline(int PodCount, IReadOnlyList<string> Models, bool Pressure, bool NeedsSimulator, IReadOnlyList<string> SimulatedModels)
{
    /// <summary>Reads the outline from what <c>list --json</c> printed.</summary>
    /// <exception cref="InvalidDataException">The text is no plan listing.</exception>
    public static PlanOutline Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var plan = root.GetProperty("plan");
            var pods = plan.GetProperty("pods").EnumerateArray().ToList();
            var models = pods
                .SelectMany(p => p.GetProperty("tasks").EnumerateArray())
                .Select(t => t.GetProperty("model").GetString() ?? "")
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var simulated = root.TryGetProperty("simulated_models", out var s) ? s.EnumerateArray().Select(m => m.GetString() ?? "").ToArray() : [];
            return new PlanOutline(
                pods.Count,
                models,
                plan.TryGetProperty("pressure", out var pressure) && pressure.GetBoolean(),
                root.TryGetProperty("needs_simulator", out var needs) && needs.GetBoolean(),
                simulated);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"The runner's plan listing could not be read: {e.Message}", e);
        }
    }
}
