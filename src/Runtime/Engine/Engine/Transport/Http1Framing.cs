namespace PodBench.Runtime.Engine.Transport;

/// <summary>How an HTTP/1.1 response's body ends.</summary>
internal enum Http1Framing
{
    /// <summary>No body (1xx, 204, 304).</summary>
    None,

    /// <summary>Content-Length bytes.</summary>
    Length,

    /// <summary>Transfer-Encoding: chunked.</summary>
    Chunked,

    /// <summary>Everything until the server closes the connection.</summary>
    Close,
}
