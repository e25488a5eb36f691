using System;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Engine.Transport;

namespace PodBench.Runtime.Tests.Engine.Transport;

/// <summary>Keeps the <see cref="EpollLoop"/> thread busy until disposed, so sockets fill while nothing reads them.</summary>
internal sealed class LoopHold : IDisposable
{
    private readonly ManualResetEventSlim _release = new();

    private LoopHold()
    {
    }

    /// <summary>Returns once the loop thread is held.</summary>
    public static async Task<LoopHold> StartAsync()
    {
        var hold = new LoopHold();
        var holding = new TaskCompletionSource();
        _ = Task.Run(async () =>
        {
            await EpollLoop.ReadsFirst();
            holding.SetResult();
            hold._release.Wait(TimeSpan.FromSeconds(10));
        });
        await holding.Task;
        return hold;
    }

    public void Dispose() => _release.Set();
}
