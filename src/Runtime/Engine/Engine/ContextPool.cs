using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace PodBench.Runtime.Engine;

/// <summary>Reusable request contexts: at most one per concurrency slot is ever created.</summary>
internal sealed class ContextPool : IDisposable
{
    private readonly ConcurrentQueue<RequestContext> _free = new();
    private readonly Lock _lock = new();
    private readonly List<RequestContext> _all = [];
    private RequestContext[]? _snapshot;

    public RequestContext Rent()
    {
        if (_free.TryDequeue(out var ctx))
        {
            return ctx;
        }

        ctx = new RequestContext();
        lock (_lock)
        {
            _all.Add(ctx);
            _snapshot = null;
        }

        return ctx;
    }

    /// <summary>Every context created so far (rented or free).</summary>
    public RequestContext[] Snapshot()
    {
        lock (_lock)
        {
            return _snapshot ??= _all.ToArray();
        }
    }

    public void Return(RequestContext ctx) => _free.Enqueue(ctx);

    public void Dispose()
    {
        foreach (var ctx in Snapshot())
        {
            ctx.Dispose();
        }
    }
}
