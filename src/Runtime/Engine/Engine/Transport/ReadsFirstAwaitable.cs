using System;
using System.Runtime.CompilerServices;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>
/// The awaitable of <see cref="EpollLoop.ReadsFirst"/>: the code after the <c>await</c> continues on the loop thread
/// once the loop has read every socket that was ready.
/// </summary>
internal readonly struct ReadsFirstAwaitable : ICriticalNotifyCompletion
{
    /// <summary>Never: the continuation always goes behind the ready reads.</summary>
    public bool IsCompleted => false;

    /// <summary>The awaiter: this struct.</summary>
    public ReadsFirstAwaitable GetAwaiter() => this;

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => EpollLoop.Defer(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => EpollLoop.Defer(continuation);
}
