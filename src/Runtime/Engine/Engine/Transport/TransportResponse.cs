using System;
using System.IO;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>A response whose head has arrived: its status and a stream of its body. Disposing releases the connection.</summary>
internal sealed class TransportResponse(int status, string reason, Stream body, IDisposable? owner) : IDisposable
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    /// <summary>The reason phrase ("OK"), empty when the server sent none.</summary>
    public string Reason { get; } = reason;

    /// <summary>The body with its transfer framing removed.</summary>
    public Stream Body { get; } = body;

    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and <= 299;

    public void Dispose()
    {
        Body.Dispose();
        owner?.Dispose();
    }
}
