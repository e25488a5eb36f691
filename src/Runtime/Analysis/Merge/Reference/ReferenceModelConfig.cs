using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Merge.Reference;

/// <summary>
/// What a reference run's dumped config (<c>configs/&lt;ts&gt;_&lt;pid&gt;.py</c>) says about one model: its
/// <c>batch_size</c> (the reference's Max Concurrency) and <c>stream</c> (whether TTFT exists). Read from the
/// <c>dict(...)</c> whose <c>abbr</c> is the model's, at its own nesting level only; null where it says nothing.
/// </summary>
/// <param name="BatchSize">The model's <c>batch_size</c>.</param>
/// <param name="Stream">The model's <c>stream</c>.</param>
/// <param name="Source">The config file read, if any.</param>
internal sealed partial record ReferenceModelConfig(int? BatchSize, bool? Stream, string? Source)
{
    /// <summary>The newest config under <c>&lt;runFolder&gt;/configs/</c> that declares <paramref name="modelAbbr"/>.</summary>
    public static ReferenceModelConfig Find(string runFolder, string modelAbbr)
    {
        var configs = Path.Combine(runFolder, "configs");
        if (!Directory.Exists(configs))
        {
            return new ReferenceModelConfig(null, null, null);
        }

        foreach (var file in Directory.GetFiles(configs, "*.py").OrderByDescending(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var body = ModelDict(text, modelAbbr);
            if (body is null)
            {
                continue;
            }

            var batch = BatchSizePattern().Match(body);
            var stream = StreamPattern().Match(body);
            return new ReferenceModelConfig(
                batch.Success ? int.Parse(batch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
                stream.Success ? stream.Groups[1].Value == "True" : null,
                file);
        }

        return new ReferenceModelConfig(null, null, null);
    }

    /// <summary>The top level of the <c>dict(...)</c> or <c>{...}</c> holding <c>abbr='modelAbbr'</c>, nested parts blanked.</summary>
    private static string? ModelDict(string text, string modelAbbr)
    {
        var abbr = Regex.Match(text, @"['""]?\babbr['""]?\s*[=:]\s*(['""])" + Regex.Escape(modelAbbr) + @"\1");
        if (!abbr.Success)
        {
            return null;
        }

        var depth = 0;
        var open = -1;
        for (var i = abbr.Index - 1; i >= 0; i--)
        {
            if (text[i] is ')' or '}' or ']')
            {
                depth++;
            }
            else if (text[i] is '(' or '{' or '[')
            {
                if (depth == 0)
                {
                    open = i;
                    break;
                }

                depth--;
            }
        }

        if (open < 0)
        {
            return null;
        }

        var top = new System.Text.StringBuilder();
        depth = 0;
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '(' or '{' or '[')
            {
                depth++;
            }
            else if (c is ')' or '}' or ']')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (depth == 0)
            {
                top.Append(c);
            }
        }

        return top.ToString();
    }

    [GeneratedRegex(@"['""]?\bbatch_size['""]?\s*[=:]\s*(\d+)")]
    private static partial Regex BatchSizePattern();

    [GeneratedRegex(@"['""]?\bstream['""]?\s*[=:]\s*(True|False)")]
    private static partial Regex StreamPattern();
}
