using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>Builds the one <see cref="SocketsHttpHandler"/> of a task: pooled connections, no proxy, no cookies, TLS as configured.</summary>
internal static class HttpHandlerFactory
{
    private static readonly ConcurrentDictionary<string, bool> Warned = new(StringComparer.Ordinal);

    public static SocketsHttpHandler Create(TlsOptions tls, Uri baseUrl, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };

        if (!string.Equals(baseUrl.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return handler;
        }

        if (!tls.VerifyCertificate)
        {
            if (Warned.TryAdd(UrlSecrets.Redact(baseUrl.GetLeftPart(UriPartial.Authority)), true))
            {
                Console.Error.WriteLine($"warning: TLS certificate checks are off for {UrlSecrets.Redact(baseUrl.GetLeftPart(UriPartial.Authority))}");
            }

            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        }
        else if (tls.CaCertificatePath is { } caPath)
        {
            var extra = new X509Certificate2Collection();
            try
            {
                extra.ImportFromPemFile(caPath);
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new ArgumentException($"TLS: cannot read the CA certificate file '{caPath}': {e.Message}", nameof(tls), e);
            }

            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, extra),
            };
        }

        return handler;
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection extra)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(extra);
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
