using System;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Keeps an API key out of error texts that may echo it (a server repeating the request's <c>Authorization</c>
/// header): the key is replaced before any cut, and a cut that ends inside the key masks the part of it that is
/// left, so no prefix of the key survives at the end of an excerpt either.
/// </summary>
internal static class KeyRedaction
{
    /// <summary>What replaces the key.</summary>
    public const string Mask = "***";

    /// <summary>Marks an excerpt that was cut.</summary>
    public const string Ellipsis = "...";

    /// <summary>A shorter tail that starts the key is left alone: such a prefix says nothing (e.g. <c>sk</c>).</summary>
    private const int MinMaskedPrefix = 2;

    /// <summary><paramref name="text"/> with every occurrence of <paramref name="key"/> replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text, string? key) =>
        string.IsNullOrEmpty(key) || string.IsNullOrEmpty(text) ? text : text.Replace(key, Mask, StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="text"/> redacted, then cut to at most <paramref name="maxChars"/> characters (plus
    /// <see cref="Ellipsis"/>) when it is longer or <paramref name="more"/> says the source went on; a tail of the cut
    /// text that is the start of <paramref name="key"/> is masked too.
    /// </summary>
    public static string Excerpt(string text, int maxChars, string? key, bool more = false)
    {
        var redacted = Redact(text, key);
        if (redacted.Length <= maxChars && !more)
        {
            return redacted;
        }

        var cut = redacted.Length <= maxChars ? redacted : redacted[..maxChars];
        return MaskPartialKey(cut, key) + Ellipsis;
    }

    /// <summary>Masks the longest tail of <paramref name="cut"/> that is a proper prefix of <paramref name="key"/>.</summary>
    private static string MaskPartialKey(string cut, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return cut;
        }

        for (var length = Math.Min(key.Length - 1, cut.Length); length >= MinMaskedPrefix; length--)
        {
            if (cut.AsSpan(cut.Length - length).SequenceEqual(key.AsSpan(0, length)))
            {
                return cut[..^length] + Mask;
            }
        }

        return cut;
    }
}
