using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Simulation;

/// <summary>The events of one streamed answer in a server's format (<see cref="SseEventWriter"/>: vLLM's; <see cref="NativeEventWriter"/>: MindIE's, TGI's, Triton's).</summary>
internal interface IStreamEventWriter
{
    /// <summary>The chat stream's first event (the assistant role).</summary>
    ValueTask<FlushResult> WriteRoleAsync(CancellationToken cancellationToken);

    /// <summary>One token's event; <paramref name="finishReason"/> marks the last one.</summary>
    ValueTask<FlushResult> WriteTokenAsync(ReadOnlySpan<byte> text, string? finishReason, (int Prompt, int Completion)? usage, CancellationToken cancellationToken, int? cachedTokens = null);

    /// <summary>A usage-only event.</summary>
    ValueTask<FlushResult> WriteUsageAsync(int promptTokens, int completionTokens, CancellationToken cancellationToken, int? cachedTokens = null);

    /// <summary>An event whose data is cut-off JSON.</summary>
    ValueTask<FlushResult> WriteMalformedAsync(CancellationToken cancellationToken);

    /// <summary>The end of the stream.</summary>
    ValueTask<FlushResult> WriteDoneAsync(CancellationToken cancellationToken);
}
