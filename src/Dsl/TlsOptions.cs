namespace PodBench.Dsl;

/// <summary>TLS settings of an https endpoint. Certificate checks stay on unless turned off here.</summary>
public sealed record TlsOptions
{
    /// <summary>Certificate checks on, system trust store.</summary>
    public static TlsOptions Default { get; } = new();

    /// <summary>When false the server certificate is not checked (the runner warns at start).</summary>
    public bool VerifyCertificate { get; init; } = true;

    /// <summary>A PEM file of extra trusted CA certificates.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>A copy with certificate checks turned off.</summary>
    public TlsOptions WithoutCertificateCheck() => this with { VerifyCertificate = false };
}
