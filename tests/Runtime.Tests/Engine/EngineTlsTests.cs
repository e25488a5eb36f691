using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using PodBench.Dsl;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>https endpoints: certificate checks on by default, off on request, extra trust from a PEM file; HTTP/2 when offered.</summary>
public sealed class EngineTlsTests
{
    internal static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=podbench-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    [Fact]
    public async Task Certificate_checks_are_on_by_default_off_on_request_and_a_ca_file_adds_trust()
    {
        using var cert = SelfSigned();
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 2 }, cert);
        Assert.Equal("https", server.BaseUrl.Scheme);
        var endpoint = EngineTestKit.Endpoint(server) with { Retry = 1 };

        var (strict, strictSink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(1)));
        Assert.Equal(1, strict.Failed);
        Assert.StartsWith("connection error", Assert.Single(strictSink.Records).ErrorInfo);
        Assert.Empty(server.Requests);

        var loose = endpoint with { Tls = TlsOptions.Default.WithoutCertificateCheck() };
        var (looseOutcome, looseSink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, loose, EngineTestKit.Rows(2)));
        Assert.Equal(2, looseOutcome.Succeeded);
        Assert.All(looseSink.Records, r => Assert.Equal(5, r.TimePointsNs.Length));
        Assert.All(server.Requests, q => Assert.Equal("HTTP/2", q.Protocol));

        var pem = Path.Combine(Path.GetTempPath(), $"podbench-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, cert.ExportCertificatePem());
        try
        {
            var trusted = endpoint with { Tls = new TlsOptions { CaCertificatePath = pem } };
            var (trustedOutcome, _) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, trusted, EngineTestKit.Rows(1)));
            Assert.Equal(1, trustedOutcome.Succeeded);
        }
        finally
        {
            File.Delete(pem);
        }

        var missing = endpoint with { Tls = new TlsOptions { CaCertificatePath = "/nonexistent/ca.pem" } };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => EngineTestKit.RunAsync(EngineTestKit.Request(server, missing, EngineTestKit.Rows(1))));
        Assert.Contains("/nonexistent/ca.pem", e.Message);
    }
}
