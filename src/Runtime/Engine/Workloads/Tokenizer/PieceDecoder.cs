using System;
using System.Collections.Generic;
using System.Text;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// The tokenizer.json decoders of SentencePiece-style tokenizers, applied in order to the token strings as Hugging
/// Face's <c>decode_chain</c> does: <c>Replace</c> ("▁" -> " "), <c>ByteFallback</c> (runs of <c>&lt;0xNN&gt;</c>
/// tokens to their UTF-8 text, or one U+FFFD per byte when invalid), <c>Fuse</c>, <c>Strip</c> and <c>Metaspace</c>.
/// The tokens are concatenated at the end.
/// </summary>
internal sealed class PieceDecoder(DecoderStep[] steps)
{
    public string Decode(List<string> tokens)
    {
        foreach (var step in steps)
        {
            tokens = step.Kind switch
            {
                DecoderKind.Replace => tokens.ConvertAll(t => t.Replace(step.Text, step.Content, StringComparison.Ordinal)),
                DecoderKind.ByteFallback => ByteFallback(tokens),
                DecoderKind.Fuse => [string.Concat(tokens)],
                DecoderKind.Strip => tokens.ConvertAll(t => Strip(t, step.Text[0], step.Start, step.Stop)),
                DecoderKind.Metaspace => Metaspace(tokens, step.Text[0], step.Start != 0),
                _ => tokens,
            };
        }

        return string.Concat(tokens);
    }

    private static List<string> ByteFallback(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            if (token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
                && byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var b))
            {
                bytes.Add(b);
                continue;
            }

            Flush(bytes, result);
            result.Add(token);
        }

        Flush(bytes, result);
        return result;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static void Flush(List<byte> bytes, List<string> result)
    {
        if (bytes.Count == 0)
        {
            return;
        }

        try
        {
            result.Add(StrictUtf8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)));
        }
        catch (DecoderFallbackException)
        {
            for (var i = 0; i < bytes.Count; i++)
            {
                result.Add("\uFFFD");
            }
        }

        bytes.Clear();
    }

    private static string Strip(string token, char content, int start, int stop)
    {
        var from = 0;
        while (from < start && from < token.Length && token[from] == content)
        {
            from++;
        }

        var to = token.Length;
        while (token.Length - to < stop && to > from && token[to - 1] == content)
        {
            to--;
        }

        return token[from..to];
    }

    // Hugging Face drops the replacement in the first token (the prepended one) unless prepend_scheme is "never".
    private static List<string> Metaspace(List<string> tokens, char replacement, bool dropInFirst)
    {
        var result = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            result.Add(i == 0 && dropInFirst
                ? tokens[i].Replace(replacement.ToString(), string.Empty, StringComparison.Ordinal)
                : tokens[i].Replace(replacement, ' '));
        }

        return result;
    }
}
