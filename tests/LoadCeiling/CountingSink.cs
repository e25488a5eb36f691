using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Results;

namespace PodBench.LoadCeiling;

/// <summary>
/// Counts records and drops them, so the load ceiling measures the engine, not a writer. With
/// <c>lagByEvent</c> it also keeps each event's client lag by its place in the response (the first event, the 2nd to
/// 4th, the rest): a request's first events show the cost of starting requests, the rest that of reading them.
/// </summary>
internal sealed class CountingSink(bool lagByEvent = false) : IRecordSink
{
    private static readonly string[] Groups = ["first", "2-4", "rest"];
    private readonly List<long>[] _lagNs = [new(), new(), new()];
    private long _records;

    public long Records => Interlocked.Read(ref _records);

    public ValueTask WriteAsync(RequestRecord record, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _records);
        var server = record.ServerTimePointsNs;
        var client = record.TimePointsNs;
        if (lagByEvent && server.Length > 0 && server.Length == client.Length - 1)
        {
            lock (_lagNs)
            {
                for (var i = 0; i < server.Length; i++)
                {
                    // client[0] is the send; client[i + 1] the read of the event the server stamped server[i]
                    _lagNs[i == 0 ? 0 : i < 4 ? 1 : 2].Add(client[i + 1] - server[i]);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Count, p50 and p99 of the lag of each group (nearest rank), or an empty string without them.</summary>
    public string LagByEvent()
    {
        lock (_lagNs)
        {
            return string.Join("; ", Groups.Zip(_lagNs).Where(g => g.Second.Count > 0).Select(g =>
            {
                g.Second.Sort();
                return $"{g.First}: {g.Second.Count} events, p50 {Rank(g.Second, 0.50)} µs, p99 {Rank(g.Second, 0.99)} µs";
            }));
        }
    }

    private static long Rank(List<long> sorted, double q) => sorted[(int)(q * (sorted.Count - 1))] / 1000;
}
