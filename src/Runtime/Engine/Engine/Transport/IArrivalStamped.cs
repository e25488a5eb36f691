namespace PodBench.Runtime.Engine.Transport;

/// <summary>A response body that knows when the bytes of its last read reached the socket.</summary>
internal interface IArrivalStamped
{
    /// <summary>
    /// The <see cref="System.Diagnostics.Stopwatch"/> reading of the arrival of the newest bytes the last read
    /// returned (every byte it returned arrived no later); 0 when unknown.
    /// </summary>
    long ArrivalTicks { get; }
}
