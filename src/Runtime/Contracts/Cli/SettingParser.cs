using System;
using System.Collections.Generic;
using System.Globalization;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Parses run settings from text (MSBuild properties or runner options) with errors that name the setting,
/// e.g. <c>BenchmarkPod: 'x' is not a pod number (0-based integer)</c>.
/// </summary>
public static class SettingParser
{
    /// <summary>A non-negative integer, or null when empty.</summary>
    public static int? NonNegativeInt(string name, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"{name}: '{text}' is not {what}.");
        }

        return value;
    }

    /// <summary>A positive integer, or null when empty.</summary>
    public static int? PositiveInt(string name, string? text, string what)
    {
        var value = NonNegativeInt(name, text, what);
        if (value == 0)
        {
            throw new UsageException($"{name}: '{text}' is not {what}.");
        }

        return value;
    }

    /// <summary>A positive number of seconds, or null when empty.</summary>
    public static double? Seconds(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
        {
            throw new UsageException($"{name}: '{text}' is not a positive number of seconds.");
        }

        return value;
    }

    /// <summary>true/false (also 1/0, yes/no, on/off), or null when empty.</summary>
    public static bool? Flag(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new UsageException($"{name}: '{text}' is not true or false."),
        };
    }

    /// <summary>An absolute http(s) URL, or null when empty.</summary>
    public static string? Url(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"{name}: '{UrlSecrets.Redact(text)}' is not an http:// or https:// URL.");
        }

        return trimmed;
    }

    /// <summary>
    /// <c>abbr=url</c> pairs separated by <c>;</c> (written <c>%3B</c> on an MSBuild command line); every abbr must be
    /// one of <paramref name="knownModels"/> when given.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Endpoints(string name, string? text, IReadOnlyCollection<string>? knownModels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1)
            {
                throw new UsageException($"{name}: '{UrlSecrets.Redact(part)}' is not of the form abbr=url (pairs are separated by ';', written %3B on a command line).");
            }

            var abbr = part[..eq].Trim();
            var url = Url($"{name} ({abbr})", part[(eq + 1)..]) ?? "";
            if (knownModels is not null && !Contains(knownModels, abbr))
            {
                throw new UsageException($"{name}: '{abbr}' is not a model of the plan (its models: {string.Join(", ", knownModels)}).");
            }

            if (!result.TryAdd(abbr, url))
            {
                throw new UsageException($"{name}: '{abbr}' is given twice.");
            }
        }

        return result;
    }

    private static bool Contains(IReadOnlyCollection<string> items, string value)
    {
        foreach (var item in items)
        {
            if (item == value)
            {
                return true;
            }
        }

        return false;
    }
}
