using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Tests.Faults;

/// <summary>Keeps every finished request in memory.</summary>
internal sealed class CollectingSink : IRecordSink
{
    public ConcurrentQueue<RequestRecord> Records { get; } = new();

    public ValueTask WriteAsync(RequestRecord record, CancellationToken cancellationToken = default)
    {
        Records.Enqueue(record);
        return ValueTask.CompletedTask;
    }
}
