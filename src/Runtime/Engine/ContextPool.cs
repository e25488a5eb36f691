using System;
using System.Collections.Concurrent;

namespace PodBench.Runtime.Engine;

/// <summary>Reusable request contexts: at most one per concurrency slot is ever created.</summary>
internal sealed class ContextPool : IDisposable
{
    private readonly ConcurrentQueue<RequestContext> _free = new();
    private readonly ConcurrentBag<RequestContext> _all = new();

    public RequestContext Rent()
    {
        if (_free.TryDequeue(out var ctx))
        {
            return ctx;
        }

        ctx = new RequestContext();
        _all.Add(ctx);
        return ctx;
    }

    public void Return(RequestContext ctx) => _free.Enqueue(ctx);

    public void Dispose()
    {
        foreach (var ctx in _all)
        {
            ctx.Dispose();
        }
    }
}
