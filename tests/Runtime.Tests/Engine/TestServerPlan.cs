using System;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>How the test server answers one request.</summary>
public sealed record TestServerPlan
{
    public int Status { get; init; } = 200;

    public string ErrorBody { get; init; } = "{\"error\":\"boom\"}";

    /// <summary>Content chunks after the role chunk.</summary>
    public int Chunks { get; init; } = 4;

    public TimeSpan ChunkDelay { get; init; }

    public TestUsage Usage { get; init; } = TestUsage.Separate;

    public bool Stamp { get; init; } = true;

    /// <summary>Abort the connection after this many events (null: never).</summary>
    public int? AbortAfter { get; init; }

    public bool InvalidJson { get; init; }

    public bool OmitDone { get; init; }

    /// <summary>Send no event at all before [DONE].</summary>
    public bool Empty { get; init; }

    /// <summary>Size of one extra huge content chunk, in bytes (0: none).</summary>
    public int HugeChunkBytes { get; init; }

    public bool CrLf { get; init; }

    /// <summary>Stop sending after this many events, keeping the connection open (null: never).</summary>
    public int? StallAfter { get; init; }

    /// <summary>Never send the response head, keeping the connection open.</summary>
    public bool StallBeforeHead { get; init; }
}
