namespace PodBench.Shared;

/// <summary>
/// A small JSON syntax check (RFC 8259) for plan values written as JSON text, shared by the generator (which cannot
/// load System.Text.Json) and the runner, so both name the same problem.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>Why <paramref name="text"/> is not one JSON object; null when it is.</summary>
    public static string? ObjectProblem(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        var at = 0;
        Space(text, ref at);
        if (at >= text.Length || text[at] != '{')
        {
            return "it does not start with '{'";
        }

        var problem = Value(text, ref at, 0);
        if (problem is null)
        {
            Space(text, ref at);
            if (at != text.Length)
            {
                problem = "text after the object at " + at;
            }
        }

        return problem;
    }

    private static string? Value(string s, ref int at, int depth)
    {
        Space(s, ref at);
        if (at >= s.Length)
        {
            return "it ends early";
        }

        if (depth > 64)
        {
            return "nested too deep";
        }

        switch (s[at])
        {
            case '{':
                return Container(s, ref at, depth, '}', member: true);
            case '[':
                return Container(s, ref at, depth, ']', member: false);
            case '"':
                return String(s, ref at);
            default:
                foreach (var word in new[] { "true", "false", "null" })
                {
                    if (string.CompareOrdinal(s, at, word, 0, word.Length) == 0)
                    {
                        at += word.Length;
                        return null;
                    }
                }

                return Number(s, ref at);
        }
    }

    private static string? Container(string s, ref int at, int depth, char close, bool member)
    {
        at++;
        Space(s, ref at);
        if (at < s.Length && s[at] == close)
        {
            at++;
            return null;
        }

        while (true)
        {
            if (member)
            {
                Space(s, ref at);
                if (at >= s.Length || s[at] != '"')
                {
                    return "a member name is expected at " + at;
                }

                var name = String(s, ref at);
                Space(s, ref at);
                if (name is not null || at >= s.Length || s[at] != ':')
                {
                    return name ?? "':' is expected at " + at;
                }

                at++;
            }

            var problem = Value(s, ref at, depth + 1);
            if (problem is not null)
            {
                return problem;
            }

            Space(s, ref at);
            if (at < s.Length && s[at] == ',')
            {
                at++;
                continue;
            }

            if (at < s.Length && s[at] == close)
            {
                at++;
                return null;
            }

            return "',' or '" + close + "' is expected at " + at;
        }
    }

    private static string? String(string s, ref int at)
    {
        for (at++; at < s.Length; at++)
        {
            if (s[at] == '"')
            {
                at++;
                return null;
            }

            if (s[at] < ' ')
            {
                return "a control character in a string at " + at;
            }

            if (s[at] == '\\')
            {
                at++;
                if (at >= s.Length || "\"\\/bfnrtu".IndexOf(s[at]) < 0)
                {
                    return "a bad escape at " + at;
                }
            }
        }

        return "a string is not closed";
    }

    private static string? Number(string s, ref int at)
    {
        var start = at;
        while (at < s.Length && "+-0123456789.eE".IndexOf(s[at]) >= 0)
        {
            at++;
        }

        return at > start && double.TryParse(s.Substring(start, at - start), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? null
            : "an unexpected character at " + start;
    }

    private static void Space(string s, ref int at)
    {
        while (at < s.Length && s[at] is ' ' or '\t' or '\r' or '\n')
        {
            at++;
        }
    }
}
