using System;
using System.Text.RegularExpressions;
using Catalog = PodBench.Runtime.Cli.Settings.RunSettingCatalog;

namespace PodBench.Runtime.Cluster;

/// <summary>Checks <see cref="KubernetesManifestOptions"/> before anything is written; errors name the member and its MSBuild property.</summary>
internal static partial class KubernetesManifestValidator
{
    /// <summary>Throws when an option is invalid.</summary>
    /// <exception cref="ArgumentException">The message names the member and its MSBuild property; a URL's credentials are never echoed.</exception>
    public static void Validate(KubernetesManifestOptions o)
    {
        static void Require(bool ok, string member, string property, string problem)
        {
            if (!ok)
            {
                throw new ArgumentException($"{member} ({property}): {problem}", member);
            }
        }

        Require(!string.IsNullOrWhiteSpace(o.PlanName), nameof(o.PlanName), "plan name", "must not be empty.");
        Require(o.PodCount is >= 1 and <= 100_000, nameof(o.PodCount), "the plan's pods", $"{o.PodCount} pods; expected 1 to 100000.");
        Require(!string.IsNullOrWhiteSpace(o.Image) && !o.Image.AsSpan().ContainsAny(" \t\n'\""), nameof(o.Image), "BenchmarkImage", $"'{o.Image}' is not an image reference (e.g. registry.example.com/bench/plan:1.0).");
        Require(SafeName().IsMatch(o.RunName) && o.RunName is not "." and not "..", nameof(o.RunName), "BenchmarkRun", $"'{o.RunName}' must be a folder name of letters, digits, '.', '_' and '-'.");
        Require(SafePath().IsMatch(o.RunnerPath), nameof(o.RunnerPath), "runner path", $"'{o.RunnerPath}' must be an absolute path inside the image, e.g. /app/MultiPod.");
        Require(SafePath().IsMatch(o.DataMountPath), nameof(o.DataMountPath), "data mount path", $"'{o.DataMountPath}' must be an absolute path of letters, digits, '.', '_', '-' and '/'.");
        Require(o.Namespace is null || DnsLabel().IsMatch(o.Namespace), nameof(o.Namespace), "BenchmarkNamespace", $"'{o.Namespace}' is not a namespace name (lower-case letters, digits, '-').");
        Require(o.ApiKeySecretName is null || DnsSubdomain().IsMatch(o.ApiKeySecretName), nameof(o.ApiKeySecretName), "API key secret", $"'{o.ApiKeySecretName}' is not a Secret name (lower-case letters, digits, '-', '.').");
        Require(o.ExistingClaim is null || DnsSubdomain().IsMatch(o.ExistingClaim), nameof(o.ExistingClaim), "existing claim", $"'{o.ExistingClaim}' is not a claim name.");
        Require(EnvName().IsMatch(o.ApiKeyVariable), nameof(o.ApiKeyVariable), "API key variable", $"'{o.ApiKeyVariable}' is not a variable name.");
        Require(SecretKey().IsMatch(o.ApiKeySecretKey), nameof(o.ApiKeySecretKey), "API key secret key", $"'{o.ApiKeySecretKey}' is not a Secret key.");
        Require(o.RerunPod is null || (o.RerunPod >= 0 && o.RerunPod < o.PodCount), nameof(o.RerunPod), "BenchmarkPod", $"pod {o.RerunPod} does not exist; the plan has pods 0 to {o.PodCount - 1}.");
        Require(o.RunAsUser > 0, nameof(o.RunAsUser), "user id", $"{o.RunAsUser}: the restricted Pod Security Standard needs a non-root user id.");
        Require(o.BackoffLimitPerIndex >= 0, nameof(o.BackoffLimitPerIndex), "retries per pod", "must be 0 or more.");
        Require(o.ActiveDeadline > TimeSpan.Zero && o.TtlAfterFinished >= TimeSpan.Zero && o.BarrierTimeout > TimeSpan.Zero && o.StartMargin >= TimeSpan.Zero && (o.MergeWaitTimeout is null || o.MergeWaitTimeout > TimeSpan.Zero), nameof(o.ActiveDeadline), "time limits", "deadlines and timeouts must be positive.");
        Require(o.PodManifestPattern.Contains("{0}", StringComparison.Ordinal) && ManifestPattern().IsMatch(o.PodManifestPattern), nameof(o.PodManifestPattern), "pod manifest path", $"'{o.PodManifestPattern}' must be a relative path with {{0}} for the pod index.");
        Require(o.StorageClass is null || DnsSubdomain().IsMatch(o.StorageClass), nameof(o.StorageClass), "BenchmarkStorageClass", $"'{o.StorageClass}' is not a storage class name (lower-case letters, digits, '-', '.').");
        Require(QuantityText().IsMatch(o.StorageSize), nameof(o.StorageSize), "BenchmarkStorageSize", $"'{o.StorageSize}' is not a storage size such as 10Gi.");
        Require(o.Baseline is null || SafePath().IsMatch(o.Baseline) || (SafeName().IsMatch(o.Baseline) && o.Baseline is not "." and not ".."), nameof(o.Baseline), "BenchmarkBaseline", $"'{o.Baseline}' must be a run folder name under the volume's outputs or an absolute path inside the pods.");
        Require(o.Settings.PressureTime is null || o.Settings.PressureTime > 0, nameof(o.Settings) + "." + nameof(o.Settings.PressureTime), Catalog.PressureTime.Property!, "must be positive.");
        Require(o.Settings.MaxWorkers is null || o.Settings.MaxWorkers >= 1, nameof(o.Settings) + "." + nameof(o.Settings.MaxWorkers), Catalog.MaxWorkers.Property!, "must be at least 1.");
        Require(o.Settings.NumPrompts is null || o.Settings.NumPrompts >= 1, nameof(o.Settings) + "." + nameof(o.Settings.NumPrompts), Catalog.NumPrompts.Property!, "must be at least 1.");
        Require(o.Settings.BusyPollMicroseconds is null || o.Settings.BusyPollMicroseconds >= 0, nameof(o.Settings) + "." + nameof(o.Settings.BusyPollMicroseconds), Catalog.BusyPoll.Property!, "must be 0 or more microseconds.");
        if (o.Settings.Endpoint is { } endpoint)
        {
            CheckUrl(endpoint, nameof(o.Settings) + "." + nameof(o.Settings.Endpoint), Catalog.Endpoint.Property!);
        }

        foreach (var (abbr, url) in o.Settings.Endpoints)
        {
            var member = nameof(o.Settings) + "." + nameof(o.Settings.Endpoints);
            Require(!abbr.AsSpan().ContainsAny("=;") && abbr.Trim().Length > 0, member, Catalog.Endpoints.Property!, $"model abbr '{abbr}' must not be empty or hold '=' or ';'.");
            CheckUrl(url, member, Catalog.Endpoints.Property + " (" + abbr + ")");
        }
    }

    private static void CheckUrl(string url, string member, string property)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || url.Contains(';'))
        {
            throw new ArgumentException($"{member} ({property}): '{Engine.UrlSecrets.Redact(url)}' is not an http(s) URL.", member);
        }

        if (uri.UserInfo.Length > 0)
        {
            // Never echo the URL: its user info is a credential.
            throw new ArgumentException($"{member} ({property}): the URL carries credentials (user:password@); ConfigMaps are not secret. Put the key in a Secret (ApiKeySecretName).", member);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^/[A-Za-z0-9._/-]*$")]
    private static partial Regex SafePath();

    [GeneratedRegex("^[A-Za-z0-9._{}-][A-Za-z0-9._{}/-]*$")]
    private static partial Regex ManifestPattern();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")]
    private static partial Regex QuantityText();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex SecretKey();
}
