using System.Runtime.InteropServices;

namespace PodBench.Runtime.Results;

/// <summary>The few libc calls (Linux) the run-folder files need: raw descriptors that .NET's own file locking leaves alone.</summary>
internal static class LibC
{
    public const int ORdonly = 0x0;
    public const int OWronly = 0x1;
    public const int ORdwr = 0x2;
    public const int OCreat = 0x40;
    public const int OAppend = 0x400;
    public const int OCloexec = 0x80000;
    public const int LockEx = 2;
    public const int LockNb = 4;
    public const int LockUn = 8;
    public const int EIntr = 4;
    public const int EWouldBlock = 11;

    /// <summary>rw-r--r--.</summary>
    public const int FileMode = 0x1A4;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static extern int Ftruncate(int fd, long length);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    public static extern unsafe nint Write(int fd, byte* buffer, nint count);

    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static extern unsafe nint Pwrite(int fd, byte* buffer, nint count, long offset);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern unsafe nint Read(int fd, byte* buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);
}
