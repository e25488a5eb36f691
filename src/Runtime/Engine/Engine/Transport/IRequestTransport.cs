using System;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>Posts a JSON body to the task's endpoint and returns the response once its head has arrived.</summary>
internal interface IRequestTransport : IDisposable
{
    /// <summary>
    /// Sends <paramref name="body"/>. Connection failures throw <see cref="System.Net.Http.HttpRequestException"/>, a
    /// broken response <see cref="System.IO.IOException"/>, and a cancelled <paramref name="cancellationToken"/>
    /// <see cref="OperationCanceledException"/>, here or from the body's reads.
    /// </summary>
    ValueTask<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>Whether responses are read on the <see cref="EpollLoop"/> thread (so requests are best started there).</summary>
    bool ReadsOnSocketLoop { get; }
}
