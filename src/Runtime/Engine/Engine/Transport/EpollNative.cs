using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>The Linux system calls the epoll transport uses, straight from libc.</summary>
internal static unsafe partial class EpollNative
{
    public const int EpollCloexec = 0x80000;
    public const int CtlAdd = 1;
    public const int CtlDel = 2;
    public const int CtlMod = 3;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollEt = 1u << 31;
    public const int MsgDontWait = 0x40;
    public const int EfdNonblock = 0x800;
    public const int EfdCloexec = 0x80000;
    public const int EIntr = 4;
    public const int EAgain = 11;

    /// <summary>
    /// Bytes per <c>struct epoll_event</c>: x86-64 packs it (a 32-bit mask, then the 64-bit data at offset 4);
    /// other architectures align the data to 8.
    /// </summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>Offset of the 64-bit data inside one event.</summary>
    public static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint RecvMsg(int fd, nint* message, int flags);

    /// <summary><c>clock_gettime</c>, a vDSO call that neither blocks nor fails for the clocks used here.</summary>
    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [SuppressGCTransition]
    public static partial int ClockGetTime(int clock, long* timespec);

    /// <summary>Writes one epoll event (mask and data) into <paramref name="ev"/>.</summary>
    public static void WriteEvent(byte* ev, uint mask, long data)
    {
        new Span<byte>(ev, EventSize).Clear();
        *(uint*)ev = mask;
        Unsafe.WriteUnaligned(ev + DataOffset, data);
    }

    /// <summary>The event mask of the <paramref name="index"/>th event of an <c>epoll_wait</c> result.</summary>
    public static uint ReadMask(byte* events, int index) => Unsafe.ReadUnaligned<uint>(events + (index * EventSize));

    /// <summary>The data of the <paramref name="index"/>th event of an <c>epoll_wait</c> result.</summary>
    public static long ReadData(byte* events, int index) => Unsafe.ReadUnaligned<long>(events + (index * EventSize) + DataOffset);
}
