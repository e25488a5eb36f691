using System;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Engine.Transport;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Runs measured requests and hands each record to the sink as it finishes. Paced sends take a slot from the
/// concurrency semaphore first; closed-loop clients own theirs. The first sink failure cancels the run.
/// </summary>
internal sealed class RequestLauncher
{
    private readonly RequestExecutor _executor;
    private readonly IRecordSink _sink;
    private readonly ContextPool _pool;
    private readonly CancellationTokenSource _cts;
    private readonly TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending = 1;
    private Exception? _error;

    public RequestLauncher(RequestExecutor executor, IRecordSink sink, ContextPool pool, CancellationTokenSource cts, int concurrency)
    {
        _executor = executor;
        _sink = sink;
        _pool = pool;
        _cts = cts;
        Slots = new SemaphoreSlim(concurrency, concurrency);
    }

    public SemaphoreSlim Slots { get; }

    public CancellationToken Token => _cts.Token;

    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>True when no further turn of a multi-turn session may start (a pressure run's end); null: never.</summary>
    public Func<bool>? TurnsEnd { get; set; }

    /// <summary>Completes when <see cref="DispatchFinished"/> was called and every launched request was written.</summary>
    public Task Completion => _allDone.Task;

    /// <summary>Starts a paced request on the calling thread (it runs inline up to its send); its slot is already taken.</summary>
    public void Launch(PromptRow row, long scheduledTicks)
    {
        Interlocked.Increment(ref _pending);
        _ = RunPacedAsync(row, scheduledTicks);
    }

    public void DispatchFinished() => Done();

    /// <summary>A closed-loop client: sends the rows <paramref name="next"/> gives, back to back, until it gives null.</summary>
    public async Task RunClientAsync(Func<PromptRow?> next)
    {
        var ctx = _pool.Rent();
        try
        {
            while (!_cts.IsCancellationRequested)
            {
                if (_executor.ReadsOnSocketLoop)
                {
                    // each send starts on the socket loop behind the reads already waiting: a thousand clients
                    // starting, or finishing together, would otherwise hold back the events they are measuring
                    await EpollLoop.ReadsFirst();
                }

                var row = next();
                if (row is null)
                {
                    break;
                }

                var record = await _executor.ExecuteAsync(ctx, row, 0, warmUp: false, _cts.Token).ConfigureAwait(false);
                await WriteAsync(record).ConfigureAwait(false);
                if (row.Session is not null)
                {
                    await SessionTurns.RunAsync(_executor, ctx, row, record, WriteAsync, TurnsEnd, _cts.Token).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _pool.Return(ctx);
        }
    }

    private async Task RunPacedAsync(PromptRow row, long scheduledTicks)
    {
        RequestRecord? record = null;
        var ctx = _pool.Rent();
        try
        {
            record = await _executor.ExecuteAsync(ctx, row, scheduledTicks, warmUp: false, _cts.Token).ConfigureAwait(false);
            if (row.Session is not null)
            {
                // a session keeps its slot through its later turns; each turn's record is written as it finishes
                await WriteAsync(record).ConfigureAwait(false);
                await SessionTurns.RunAsync(_executor, ctx, row, record, WriteAsync, TurnsEnd, _cts.Token).ConfigureAwait(false);
                record = null;
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            _pool.Return(ctx);
            Slots.Release();
        }

        if (record is not null)
        {
            await WriteAsync(record).ConfigureAwait(false);
        }

        Done();
    }

    private async Task WriteAsync(RequestRecord record)
    {
        try
        {
            await _sink.WriteAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        if (Interlocked.CompareExchange(ref _error, e, null) is null)
        {
            try
            {
                _cts.Cancel();
            }
            catch (AggregateException)
            {
            }
        }
    }

    private void Done()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _allDone.TrySetResult();
        }
    }
}
