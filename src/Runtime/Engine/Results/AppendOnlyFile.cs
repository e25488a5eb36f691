using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace PodBench.Runtime.Results;

/// <summary>
/// A file opened for appending whole lines, each <see cref="Append"/> (one line or several) with one <c>write</c>
/// call in <c>O_APPEND</c> mode, so that processes of several pods appending to the same file never interleave or
/// overwrite each other's lines (the reference uses flock for the same reason). A file several processes share is
/// opened with a lock file, held (flock) for each append: a tail without a newline seen under that lock is a torn line of a dead writer,
/// never one still being written, so it is cut on open and kept in <c>&lt;file&gt;.torn</c> (<see cref="TornTail"/>).
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{


    private int fd = -1;
    private int lockFd = -1;
    private readonly FileStream? fallback;

    /// <summary>Opens <paramref name="path"/> for appending; <paramref name="lockPath"/> names the lock file of a shared file.</summary>
    public AppendOnlyFile(string path, string? lockPath = null)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (lockPath is not null && OperatingSystem.IsLinux())
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(lockPath)!);
            lockFd = LibC.Open(lockPath, LibC.OWronly | LibC.OCreat | LibC.OCloexec, LibC.FileMode);
            if (lockFd < 0)
            {
                throw new IOException($"Cannot open the lock file '{lockPath}': {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
            }
        }

        Locked(() => TornCut = TornTail.Cut(path));
        if (OperatingSystem.IsLinux())
        {
            fd = LibC.Open(path, LibC.OWronly | LibC.OCreat | LibC.OAppend | LibC.OCloexec, LibC.FileMode);
            if (fd < 0)
            {
                throw new IOException($"Cannot open '{path}' for appending: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
            }
        }
        else
        {
            fallback = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1);
        }
    }

    public string Path { get; }

    /// <summary>What was cut from the file's tail on open (a torn line of a dead writer), or null.</summary>
    public TornTail? TornCut { get; private set; }

    /// <summary>Cuts a torn tail off <paramref name="path"/> under its lock file <paramref name="lockPath"/>; null when the file ends with a whole line.</summary>
    public static TornTail? CutTornTail(string path, string? lockPath)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = new AppendOnlyFile(path, lockPath);
        return file.TornCut;
    }

    /// <summary>Appends <paramref name="line"/> (whole lines: it must end with a newline) with one system call.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        ObjectDisposedException.ThrowIf(fd < 0 && fallback is null, this);
        if (fallback is not null)
        {
            fallback.Write(line);
            fallback.Flush();
            return;
        }

        if (lockFd < 0)
        {
            WriteAll(line);
            return;
        }

        _ = LibC.Flock(lockFd, LibC.LockEx);
        try
        {
            WriteAll(line);
        }
        finally
        {
            _ = LibC.Flock(lockFd, LibC.LockUn);
        }
    }

    private unsafe void WriteAll(ReadOnlySpan<byte> line)
    {
        fixed (byte* p = line)
        {
            var done = 0;
            while (done < line.Length)
            {
                var n = LibC.Write(fd, p + done, (nint)(line.Length - done));
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EIntr)
                    {
                        continue; // EINTR
                    }

                    throw new IOException($"Cannot append to '{Path}': {new Win32Exception(errno).Message}");
                }

                done += (int)n;
            }
        }
    }

    public void Dispose()
    {
        fallback?.Dispose();
        var open = System.Threading.Interlocked.Exchange(ref fd, -1);
        if (open >= 0)
        {
            _ = LibC.Close(open);
        }

        var held = System.Threading.Interlocked.Exchange(ref lockFd, -1);
        if (held >= 0)
        {
            _ = LibC.Close(held);
        }
    }

    private void Locked(Action action)
    {
        if (lockFd >= 0)
        {
            _ = LibC.Flock(lockFd, LibC.LockEx);
        }

        try
        {
            action();
        }
        finally
        {
            if (lockFd >= 0)
            {
                _ = LibC.Flock(lockFd, LibC.LockUn);
            }
        }
    }




}
