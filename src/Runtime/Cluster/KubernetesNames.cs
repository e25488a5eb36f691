using System;
using System.Security.Cryptography;
using System.Text;

namespace PodBench.Runtime.Cluster;

/// <summary>Kubernetes object names and label values derived from plan and run names.</summary>
internal static class KubernetesNames
{
    /// <summary>Room left for the longest suffix we append (<c>-options</c>).</summary>
    private const int BaseLimit = 63 - 8;

    /// <summary>
    /// A DNS-1123 label made of <paramref name="plan"/> and <paramref name="run"/>: lower case, other characters
    /// replaced by '-', shortened with a hash suffix so that two long names stay distinct.
    /// </summary>
    public static string BaseName(string plan, string run)
    {
        var name = Label(plan + "-" + run);
        if (name.Length <= BaseLimit)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plan + "\n" + run)))[..6];
        return name[..(BaseLimit - 7)].TrimEnd('-') + "-" + hash;
    }

    /// <summary>A label value (at most 63 characters of [a-z0-9.-_], starting and ending alphanumeric).</summary>
    public static string LabelValue(string value)
    {
        var label = Label(value);
        return label.Length <= 63 ? label : label[..63].TrimEnd('-');
    }

    private static string Label(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            text.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var label = text.ToString().Trim('-');
        while (label.Contains("--", StringComparison.Ordinal))
        {
            label = label.Replace("--", "-", StringComparison.Ordinal);
        }

        return label.Length == 0 ? "podbench" : label;
    }
}
