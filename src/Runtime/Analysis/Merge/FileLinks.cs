using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PodBench.Runtime.Merge;

/// <summary>
/// File copies the kernel does: hard links (free: the pods' files are immutable once published) and appends by
/// <c>copy_file_range</c> (no trip through user space), each with a plain copy as the fallback.
/// </summary>
internal static partial class FileLinks
{
    /// <summary>Makes <paramref name="target"/> a hard link to <paramref name="source"/>, or a copy when linking fails.</summary>
    public static void LinkOrCopy(string source, string target)
    {
        File.Delete(target);
        if (!OperatingSystem.IsWindows() && Link(source, target) == 0)
        {
            return;
        }

        File.Copy(source, target, overwrite: true);
    }

    /// <summary>Appends the rest of <paramref name="input"/> to <paramref name="output"/> (both positioned by their streams).</summary>
    public static void Append(FileStream input, FileStream output) => Append(input, output, input.Length);

    /// <summary>Appends <paramref name="input"/> from its position up to byte <paramref name="end"/> to <paramref name="output"/>.</summary>
    public static void Append(FileStream input, FileStream output, long end)
    {
        if (OperatingSystem.IsLinux())
        {
            output.Flush();
            var inFd = (int)input.SafeFileHandle.DangerousGetHandle();
            var outFd = (int)output.SafeFileHandle.DangerousGetHandle();
            long inOff = input.Position, outOff = output.Position;
            while (inOff < end)
            {
                var n = CopyFileRange(inFd, ref inOff, outFd, ref outOff, (nuint)Math.Min(1L << 30, end - inOff), 0);
                if (n <= 0)
                {
                    break;
                }
            }

            input.Position = inOff;
            output.Position = outOff;
            if (inOff >= end)
            {
                return;
            }

            // Not supported here (or stopped early): the plain copy goes on from where the kernel stopped.
        }

        var buffer = new byte[1 << 20];
        while (input.Position < end)
        {
            var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, end - input.Position));
            if (n <= 0)
            {
                break;
            }

            output.Write(buffer, 0, n);
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRange(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint len, uint flags);
}
