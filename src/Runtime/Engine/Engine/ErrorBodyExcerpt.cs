using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Engine;

/// <summary>
/// The start of a non-2xx response body for a failure's reason: up to <see cref="MaxBytes"/> bytes, read far enough
/// past that cut that an API key echoed across it is read whole, then redacted before it is cut.
/// </summary>
internal static class ErrorBodyExcerpt
{
    /// <summary>The most bytes of the body an error text shows.</summary>
    public const int MaxBytes = 512;

    /// <summary>Reads the excerpt; a body that breaks or stalls gives what had arrived.</summary>
    public static async Task<string> ReadAsync(Stream stream, string? apiKey, CancellationToken token)
    {
        var keyBytes = string.IsNullOrEmpty(apiKey) ? 0 : Encoding.UTF8.GetByteCount(apiKey);
        var buffer = new byte[MaxBytes + keyBytes];
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total), token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            // the status already says what failed; the body is only its detail
        }

        // cut on bytes as before, but only after the key was replaced: keep as many characters as MaxBytes held
        var text = Encoding.UTF8.GetString(buffer, 0, total);
        var kept = Encoding.UTF8.GetCharCount(buffer, 0, Math.Min(total, MaxBytes));
        var excerpt = KeyRedaction.Excerpt(text, kept, apiKey, more: total > MaxBytes || total == buffer.Length);
        return excerpt.ReplaceLineEndings(" ").Trim();
    }
}
