using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace PodBench.Runtime.Results;

/// <summary>
/// A file opened for appending whole lines, each with one <c>write</c> call in <c>O_APPEND</c> mode, so that
/// processes of several pods appending to the same file never interleave or overwrite each other's lines
/// (the reference uses flock for the same reason). A torn line left by a killed process is closed with a
/// newline on open, so the next line stays readable.
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    private const int OWronly = 0x1;
    private const int OCreat = 0x40;
    private const int OAppend = 0x400;
    private const int OCloexec = 0x80000;

    private int fd = -1;
    private readonly FileStream? fallback;

    public AppendOnlyFile(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        CloseTornLine(path);
        if (OperatingSystem.IsLinux())
        {
            fd = Open(path, OWronly | OCreat | OAppend | OCloexec, Convert.ToInt32("644", 8));
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

    /// <summary>Appends <paramref name="line"/> (which must end with a newline) with one system call.</summary>
    public unsafe void Append(ReadOnlySpan<byte> line)
    {
        ObjectDisposedException.ThrowIf(fd < 0 && fallback is null, this);
        if (fallback is not null)
        {
            fallback.Write(line);
            fallback.Flush();
            return;
        }

        fixed (byte* p = line)
        {
            var done = 0;
            while (done < line.Length)
            {
                var n = Write(fd, p + done, (nint)(line.Length - done));
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == 4)
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
            _ = Close(open);
        }
    }

    private static void CloseTornLine(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        if (fs.Length == 0)
        {
            return;
        }

        fs.Seek(-1, SeekOrigin.End);
        if (fs.ReadByte() != '\n')
        {
            fs.Seek(0, SeekOrigin.End);
            fs.WriteByte((byte)'\n');
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern unsafe nint Write(int fd, byte* buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
