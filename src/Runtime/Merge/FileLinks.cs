using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PodBench.Runtime.Merge;

/// <summary>Hard links (free: the pods' files are immutable once published) with a copy as the fallback.</summary>
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

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldPath, string newPath);
}
