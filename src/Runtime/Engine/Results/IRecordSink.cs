using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Results;

/// <summary>Receives each request as it finishes; implementations must be safe to call concurrently.</summary>
public interface IRecordSink
{
    /// <summary>Takes one finished request. It is on disk (flushed) when the returned task completes.</summary>
    ValueTask WriteAsync(RequestRecord record, CancellationToken cancellationToken = default);
}
