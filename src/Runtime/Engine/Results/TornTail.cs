using System;
using System.Globalization;
using System.IO;

namespace PodBench.Runtime.Results;

/// <summary>
/// A half-written last line (a crash or a full disk) cut off a line file: how many bytes, and the side file
/// (<c>&lt;file&gt;.torn</c>, appended to, never read by PodBench) that keeps them.
/// </summary>
/// <param name="File">The line file that was cut.</param>
/// <param name="Bytes">The bytes cut.</param>
/// <param name="SideFile">Where the cut bytes are kept.</param>
public sealed record TornTail(string File, long Bytes, string SideFile)
{
    /// <summary>A sentence for the console: what was cut and where it is kept.</summary>
    public string Describe() =>
        $"{File} ended in a half-written line of {Bytes.ToString(CultureInfo.InvariantCulture)} bytes (a crash or a full disk): cut, and kept in {SideFile}";

    /// <summary>
    /// The length of <paramref name="path"/> up to and including its last newline (0 when it has none): what
    /// remains readable when a torn tail is left out.
    /// </summary>
    public static long WholeLength(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return WholeLength(stream);
    }

    /// <summary>
    /// Cuts a torn tail off <paramref name="path"/> (the caller makes sure no live writer appends meanwhile) into
    /// <c>&lt;path&gt;.torn</c>; null when the file is absent, empty or ends with a newline.
    /// </summary>
    public static TornTail? Cut(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var whole = WholeLength(stream);
        var torn = stream.Length - whole;
        if (torn == 0)
        {
            return null;
        }

        var side = path + ".torn";
        using (var output = new FileStream(side, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            stream.Seek(whole, SeekOrigin.Begin);
            stream.CopyTo(output);
            output.WriteByte((byte)'\n');
        }

        stream.SetLength(whole);
        return new TornTail(path, torn, side);
    }

    private static long WholeLength(FileStream stream)
    {
        var buffer = new byte[64 * 1024];
        var end = stream.Length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            stream.Seek(start, SeekOrigin.Begin);
            var count = (int)(end - start);
            stream.ReadExactly(buffer, 0, count);
            var at = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (at >= 0)
            {
                return start + at + 1;
            }

            end = start;
        }

        return 0;
    }
}
