using System;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Engine;

/// <summary>
/// The user info of a URL (<c>http://user:password@host</c>) is a credential: every URL the tool prints goes through
/// <see cref="Redact"/> or <see cref="Display"/> (<c>http://***@host</c>), requests carry it as HTTP Basic
/// authorization (as curl does) and never in the request target or <c>Host</c>.
/// </summary>
public static partial class UrlSecrets
{
    /// <summary>What replaces the user info.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="text"/> with the user info of every URL in it replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string? text) => text is null ? "" : UserInfo().Replace(text, Mask + "@");

    /// <summary><paramref name="url"/> as printed: its user info masked.</summary>
    public static string Display(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Redact(url.ToString());
    }

    /// <summary>Whether the URL text carries user info.</summary>
    public static bool HasUserInfo(string? url) => url is not null && UserInfo().IsMatch(url);

    /// <summary><paramref name="url"/> without its user info.</summary>
    public static Uri WithoutUserInfo(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = "", Password = "" }.Uri;
    }

    /// <summary>
    /// The <c>Authorization</c> header of requests to <paramref name="url"/>: <c>Bearer</c> with the API key when one
    /// is set (an explicit key wins), else <c>Basic</c> with the URL's user info, else null.
    /// </summary>
    public static AuthenticationHeaderValue? Authorization(Uri url, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!string.IsNullOrEmpty(apiKey))
        {
            return new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (url.UserInfo.Length == 0)
        {
            return null;
        }

        var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
        var password = colon < 0 ? "" : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    // scheme://userinfo@ - the user info runs to the last '@' before the path, query or fragment.
    [GeneratedRegex(@"(?<=\b[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s@]*(?:@[^/?#\s@]*)*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
