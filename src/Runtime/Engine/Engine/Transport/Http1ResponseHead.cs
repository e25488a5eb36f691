using System;
using System.Buffers.Text;
using System.IO;
using System.Text;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>The parts of an HTTP/1.x response head the engine needs: status, reason, body framing, keep-alive.</summary>
internal sealed record Http1ResponseHead(int Status, string Reason, Http1Framing Framing, long ContentLength, bool KeepAlive)
{
    /// <summary>
    /// Parses a head (status line and headers, without the blank line that ends them). Throws
    /// <see cref="IOException"/> for a head that is not HTTP/1.x.
    /// </summary>
    public static Http1ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf((byte)'\n');
        var statusLine = TrimCr(lineEnd < 0 ? head : head[..lineEnd]);
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != ' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100)
        {
            throw new IOException("the server's answer is not an HTTP/1.x response: " + Excerpt(statusLine));
        }

        var http10 = statusLine[7] == '0';
        var reason = statusLine.Length > 13 ? Encoding.ASCII.GetString(statusLine[13..]) : "";
        var chunked = false;
        var contentLength = -1L;
        bool? keepAlive = null;
        var rest = lineEnd < 0 ? default : head[(lineEnd + 1)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = TrimCr(end < 0 ? rest : rest[..end]);
            rest = end < 0 ? default : rest[(end + 1)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = EndsWithToken(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                {
                    throw new IOException("the server sent a bad Content-Length: " + Excerpt(value));
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                keepAlive = HasToken(value, "close"u8) ? false : HasToken(value, "keep-alive"u8) ? true : keepAlive;
            }
        }

        var framing = status is < 200 or 204 or 304 ? Http1Framing.None
            : chunked ? Http1Framing.Chunked
            : contentLength >= 0 ? Http1Framing.Length
            : Http1Framing.Close;
        var reusable = (keepAlive ?? !http10) && framing != Http1Framing.Close;
        return new Http1ResponseHead(status, reason, framing, Math.Max(0, contentLength), reusable);
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => !line.IsEmpty && line[^1] == '\r' ? line[..^1] : line;

    private static bool EndsWithToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        var comma = value.LastIndexOf((byte)',');
        return Ascii.EqualsIgnoreCase(value[(comma + 1)..].Trim(" \t"u8), token);
    }

    private static bool HasToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }

    private static string Excerpt(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 80)]);
}
