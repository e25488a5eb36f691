using System;
using System.IO;
using System.Text.Json;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Written by a pod when it starts (<c>pods/pod-&lt;i&gt;.started.json</c>), so that a merge can tell a pod that died
/// (a marker, no manifest) from one that never ran (neither).
/// </summary>
/// <param name="Pod">The pod's index.</param>
/// <param name="PlanHash">The plan's hash.</param>
/// <param name="HostName">The machine.</param>
/// <param name="StartedUtc">When the pod started.</param>
/// <param name="ProcessId">The pod process's id.</param>
public sealed record PodStartedMarker(int Pod, string PlanHash, string HostName, DateTimeOffset StartedUtc, int ProcessId)
{
    /// <summary>Reads a marker; throws <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static PodStartedMarker Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PodStartedMarker>(File.ReadAllText(path), MergeJson.Options)
                ?? throw new InvalidDataException($"{path}: empty started marker.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a started marker ({e.Message}).", e);
        }
    }
}
