using System;
using System.Text.Json;

namespace PodBench.Runtime.Engine;

/// <summary>The reusable buffers of one concurrency slot: body, SSE reader, prediction text, readings.</summary>
internal sealed class RequestContext : IDisposable
{
    public RequestContext()
    {
        Writer = RequestBodyWriter.CreateWriter(Body);
    }

    public PooledByteBuffer Body { get; } = new(2048);

    public Utf8JsonWriter Writer { get; }

    public SseEventReader Reader { get; } = new();

    /// <summary>The wait limits of the current attempt.</summary>
    public AttemptGuard Guard { get; } = new();

    public PooledByteBuffer Text { get; } = new(2048);

    /// <summary>The response's tool calls (name and arguments), kept apart from <see cref="Text"/>.</summary>
    public ToolCallParts ToolCalls { get; } = new();

    /// <summary>Clock readings: [0] before the send, then one per event.</summary>
    public LongList Ticks { get; } = new();

    /// <summary>The server's x_sim_ts per event.</summary>
    public LongList ServerTicks { get; } = new();

    /// <summary>Indices into <see cref="Ticks"/> of the event readings whose event carried no generated text.</summary>
    public LongList NonContent { get; } = new();

    public ChunkFields Fields;

    public bool AllStamped;

    public bool Receiving;

    public bool WarmUp;

    public int Status;

    public string Error = "";

    public void ResetAttempt()
    {
        Ticks.Clear();
        ServerTicks.Clear();
        NonContent.Clear();
        Text.Reset();
        ToolCalls.Reset();
        Reader.Reset();
        Fields.Reset();
        AllStamped = true;
        Status = 0;
        Error = "";
    }

    public void Dispose()
    {
        Writer.Dispose();
        Body.Dispose();
        Reader.Dispose();
        Text.Dispose();
        ToolCalls.Dispose();
    }
}
