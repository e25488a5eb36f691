using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Results;

/// <summary>
/// An exclusive lock on one lock file of a run folder (<c>locks/pod-&lt;i&gt;.lock</c>, <c>locks/merge.lock</c>):
/// <c>flock</c>, which the kernel releases when the holder dies, so a dead holder's lock is simply taken over. The
/// holder writes who it is (process, host, start time UTC, command) into the file, so a refusal can name it. The file
/// is never deleted (deleting a lock file while another process opens it would let two processes hold "it").
/// </summary>
public sealed class RunFolderLock : IDisposable
{

    private int fd;
    private FileStream? fallback;

    private RunFolderLock(string path, int fd, FileStream? fallback)
    {
        Path = path;
        this.fd = fd;
        this.fallback = fallback;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock at <paramref name="path"/> without waiting and records this process as its holder; null when
    /// another process holds it, with <paramref name="holder"/> saying who.
    /// </summary>
    public static RunFolderLock? TryAcquire(string path, out string holder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        holder = "";
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                stream.Write(Encoding.UTF8.GetBytes(Describe()));
                stream.Flush();
                return new RunFolderLock(path, -1, stream);
            }
            catch (IOException)
            {
                holder = "another process (this system does not let a held lock file be read)";
                return null;
            }
        }

        var handle = LibC.Open(path, LibC.ORdwr | LibC.OCreat | LibC.OCloexec, LibC.FileMode);
        if (handle < 0)
        {
            throw new IOException($"Cannot open the lock file '{path}': {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }

        if (LibC.Flock(handle, LibC.LockEx | LibC.LockNb) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = LibC.Close(handle);
            if (errno != LibC.EWouldBlock)
            {
                throw new IOException($"Cannot lock '{path}': {new Win32Exception(errno).Message}");
            }

            holder = ReadHolder(path);
            return null;
        }

        var text = Encoding.UTF8.GetBytes(Describe());
        _ = LibC.Ftruncate(handle, 0);
        unsafe
        {
            fixed (byte* p = text)
            {
                _ = LibC.Pwrite(handle, p, text.Length, 0);
            }
        }

        return new RunFolderLock(path, handle, null);
    }

    /// <summary>Who holds (or last held) the lock at <paramref name="path"/>, as its holder wrote it; read without locking.</summary>
    public static string ReadHolder(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "another process";
        }

        var handle = LibC.Open(path, LibC.ORdonly | LibC.OCloexec, 0);
        if (handle < 0)
        {
            return "another process (its lock file is unreadable)";
        }

        var buffer = new byte[4096];
        int n;
        unsafe
        {
            fixed (byte* p = buffer)
            {
                n = (int)LibC.Read(handle, p, buffer.Length);
            }
        }

        _ = LibC.Close(handle);
        var text = n > 0 ? Encoding.UTF8.GetString(buffer, 0, n).Trim() : "";
        return text.Length > 0 ? text : "another process (it has not written its name yet)";
    }

    /// <summary>Releases the lock (the kernel does the same when the process dies).</summary>
    public void Dispose()
    {
        fallback?.Dispose();
        fallback = null;
        var open = System.Threading.Interlocked.Exchange(ref fd, -1);
        if (open >= 0)
        {
            _ = LibC.Flock(open, LibC.LockUn);
            _ = LibC.Close(open);
        }
    }

    /// <summary>This process as a lock holder: process id, host, start time UTC and command (URL passwords masked).</summary>
    internal static string Describe()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var started = self.StartTime.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var command = Regex.Replace(Environment.CommandLine, @"://[^/@\s]+@", "://***@", RegexOptions.None, TimeSpan.FromSeconds(1));
        return $"process {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} on host {Environment.MachineName}, started {started} UTC, command: {command}";
    }






}
