using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Results;

namespace PodBench.LoadCeiling;

/// <summary>Counts records and drops them, so the load ceiling measures the engine, not a writer.</summary>
internal sealed class CountingSink : IRecordSink
{
    private long _records;

    public long Records => Interlocked.Read(ref _records);

    public ValueTask WriteAsync(RequestRecord record, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _records);
        return ValueTask.CompletedTask;
    }
}
