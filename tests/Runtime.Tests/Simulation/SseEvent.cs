using System.Text.Json;

namespace PodBench.Runtime.Tests.Simulation;

/// <summary>One server-sent event's data and the client's clock reading when it was read.</summary>
internal sealed record SseEvent(string Data, long ReadAt)
{
    public bool IsDone => Data == "[DONE]";

    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public long ServerStamp => Json.GetProperty("x_sim_ts").GetInt64();
}
