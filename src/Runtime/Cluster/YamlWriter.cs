using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// Writes block-style YAML from <see cref="YamlMap"/> trees. Strings are quoted unless they are plainly safe, so no
/// value can turn into a number, a boolean or a null by accident (the Kubernetes parser is strict about types).
/// </summary>
internal static partial class YamlWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    /// <summary>One document.</summary>
    public static string Write(YamlMap document)
    {
        var text = new StringBuilder();
        WriteMap(text, document, 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent)
    {
        foreach (var (key, value) in map)
        {
            text.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    // After "key:" or "- ": nested collections go on the next lines, scalars on the same line.
    private static void WriteValue(StringBuilder text, object value, int indent)
    {
        switch (value)
        {
            case YamlMap { Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlMap map:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case string s when IsLiteralBlock(s):
                text.Append(s.EndsWith('\n') ? " |\n" : " |-\n");
                foreach (var line in s.TrimEnd('\n').Split('\n'))
                {
                    if (line.Length > 0)
                    {
                        text.Append(' ', indent + 2).Append(line);
                    }

                    text.Append('\n');
                }

                break;
            case string or bool or int or long or double:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
            case IEnumerable list:
                WriteList(text, list, indent);
                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name} as YAML");
        }
    }

    private static void WriteList(StringBuilder text, IEnumerable list, int indent)
    {
        var any = false;
        foreach (var item in list)
        {
            if (!any)
            {
                text.Append('\n');
                any = true;
            }

            text.Append(' ', indent + 2).Append('-');
            if (item is YamlMap { Count: > 0 } map)
            {
                // The first key sits on the dash line; the rest align under it.
                var first = true;
                foreach (var (key, value) in map)
                {
                    if (!first)
                    {
                        text.Append(' ', indent + 4);
                    }
                    else
                    {
                        text.Append(' ');
                    }

                    text.Append(Scalar(key)).Append(':');
                    WriteValue(text, value, indent + 4);
                    first = false;
                }
            }
            else
            {
                WriteValue(text, item!, indent + 2);
            }
        }

        if (!any)
        {
            text.Append(" []\n");
        }
    }

    private static bool IsLiteralBlock(string s)
    {
        if (!s.Contains('\n') || s.Contains('\r') || s.Contains('\t') || s[0] == ' ' || s.EndsWith("\n\n", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var line in s.Split('\n'))
        {
            if (line.EndsWith(' '))
            {
                return false;
            }
        }

        return true;
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s when IsPlain(s) => s,
        string s => JsonSerializer.Serialize(s, Quoting),
        _ => throw new ArgumentException($"cannot write a {value.GetType().Name} as a YAML scalar"),
    };

    private static bool IsPlain(string s) => PlainPattern().IsMatch(s) && !Reserved.Contains(s);

    [GeneratedRegex("^[A-Za-z_/][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainPattern();
}
