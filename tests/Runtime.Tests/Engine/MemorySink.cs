using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>Keeps every record it is given, in arrival order.</summary>
public sealed class MemorySink : IRecordSink
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();

    public RequestRecord[] Records => _records.ToArray();

    public ValueTask WriteAsync(RequestRecord record, CancellationToken cancellationToken = default)
    {
        _records.Enqueue(record);
        return ValueTask.CompletedTask;
    }

    public RequestRecord[] BySend() => Records.OrderBy(r => r.TimePointsNs.Length > 0 ? r.TimePointsNs[0] : 0).ToArray();
}
