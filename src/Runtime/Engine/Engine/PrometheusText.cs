using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4): <c># HELP</c> and <c># TYPE</c> lines, other comments,
/// samples with optional labels (values with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes), values including <c>NaN</c>
/// and <c>±Inf</c>, and optional millisecond timestamps. No maintained parser is served on the package mirror
/// (prometheus-net only writes the format), so this one is small and tested line by line.
/// </summary>
public static class PrometheusText
{
    /// <summary>Parses <paramref name="text"/>; a line that is not of the format is named in <see cref="PrometheusParse.Errors"/> and skipped.</summary>
    public static PrometheusParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r').Trim(' ', '\t');
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                ReadComment(line, types);
                continue;
            }

            if (TryReadSample(line, out var sample, out var error))
            {
                samples.Add(sample);
            }
            else
            {
                errors.Add($"line {number}: {error}: {Excerpt(line)}");
            }
        }

        return new PrometheusParse(samples, types, errors);
    }

    /// <summary>Reads one value as the format writes it: a float, <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.</summary>
    public static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static void ReadComment(string line, Dictionary<string, string> types)
    {
        // "# TYPE name type"; "# HELP name text" and any other comment carry nothing a sample needs
        var parts = line[1..].TrimStart(' ', '\t').Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && parts[0] == "TYPE" && IsMetricName(parts[1]))
        {
            types[parts[1]] = parts[2].Trim();
        }
    }

    private static bool TryReadSample(string line, out PrometheusSample sample, out string error)
    {
        sample = null!;
        var i = 0;
        while (i < line.Length && IsNameChar(line[i], i == 0))
        {
            i++;
        }

        if (i == 0)
        {
            error = "no metric name";
            return false;
        }

        var name = line[..i];
        var labels = new List<KeyValuePair<string, string>>();
        i = SkipBlanks(line, i);
        if (i < line.Length && line[i] == '{' && !TryReadLabels(line, ref i, labels, out error))
        {
            return false;
        }

        var rest = line[i..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is 0 or > 2)
        {
            error = rest.Length == 0 ? "no value" : "more than a value and a timestamp";
            return false;
        }

        if (!TryParseValue(rest[0], out var value))
        {
            error = $"`{rest[0]}` is not a value";
            return false;
        }

        long? timestamp = null;
        if (rest.Length == 2)
        {
            if (!long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            {
                error = $"`{rest[1]}` is not a timestamp in ms";
                return false;
            }

            timestamp = ms;
        }

        sample = new PrometheusSample(name, labels, value, timestamp);
        error = "";
        return true;
    }

    private static bool TryReadLabels(string line, ref int i, List<KeyValuePair<string, string>> labels, out string error)
    {
        i++; // '{'
        while (true)
        {
            i = SkipBlanks(line, i);
            if (i < line.Length && line[i] == '}')
            {
                i++;
                error = "";
                return true;
            }

            var start = i;
            while (i < line.Length && IsLabelChar(line[i], i == start))
            {
                i++;
            }

            if (i == start)
            {
                error = "a label has no name";
                return false;
            }

            var label = line[start..i];
            i = SkipBlanks(line, i);
            if (i >= line.Length || line[i] != '=')
            {
                error = $"label {label} has no `=`";
                return false;
            }

            i = SkipBlanks(line, i + 1);
            if (i >= line.Length || line[i] != '"')
            {
                error = $"the value of label {label} is not quoted";
                return false;
            }

            if (!TryReadQuoted(line, ref i, out var value))
            {
                error = $"the value of label {label} has no closing quote";
                return false;
            }

            labels.Add(new KeyValuePair<string, string>(label, value));
            i = SkipBlanks(line, i);
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
            else if (i >= line.Length || line[i] != '}')
            {
                error = "labels are not separated by `,` or closed by `}`";
                return false;
            }
        }
    }

    private static bool TryReadQuoted(string line, ref int i, out string value)
    {
        var text = new StringBuilder();
        for (i++; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                i++;
                value = text.ToString();
                return true;
            }

            if (c == '\\' && i + 1 < line.Length)
            {
                var next = line[++i];
                text.Append(next switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => next });
                if (next is not ('n' or '\\' or '"'))
                {
                    text.Insert(text.Length - 1, '\\');
                }

                continue;
            }

            text.Append(c);
        }

        value = "";
        return false;
    }

    private static int SkipBlanks(string line, int i)
    {
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static bool IsMetricName(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (!IsNameChar(name[i], i == 0))
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    private static bool IsNameChar(char c, bool first) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (!first && c is >= '0' and <= '9');

    private static bool IsLabelChar(char c, bool first) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (!first && c is >= '0' and <= '9');

    private static string Excerpt(string line) => line.Length <= 80 ? line : line[..80] + "...";
}
