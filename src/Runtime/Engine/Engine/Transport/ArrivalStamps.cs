using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>
/// The kernel's receive timestamps (<c>SO_TIMESTAMPNS</c>): each <c>recvmsg</c> also says when the last segment it
/// read reached the socket. An event's reading is then the moment its last byte arrived, not the moment the loop got
/// round to reading it, so the client's own queueing (a thousand streams writing at once) stays out of TTFT and ITL.
/// </summary>
/// <remarks>
/// The kernel stamps on the real-time clock. The stamp is placed on the monotonic clock by how long ago it was on the
/// real-time clock, read beside a monotonic reading: only a difference of milliseconds is taken from the real-time
/// clock, so NTP adjusting it does not matter (a step inside that window is clamped away by the caller).
/// </remarks>
internal static unsafe class ArrivalStamps
{
    /// <summary>The environment variable that turns the stamps off when it is <c>0</c>.</summary>
    public const string Variable = Cli.Settings.SettingVariables.ArrivalStamps;

    private const int SolSocket = 1;

    // SO_TIMESTAMPNS (the 64-bit time_t "old" form, which is every 64-bit Linux's): also its control-message type
    private const int SoTimestampNs = 35;
    private const int ClockRealtime = 0;
    private const int ControlSize = 64;
    private const int HeaderSize = 16;
    // wide enough for clocks without a vDSO (each reading a system call), narrow enough to keep the error within 5 µs
    private const long MaxPairingNs = 10_000;
    private static readonly double TicksPerNs = Stopwatch.Frequency / 1_000_000_000.0;

    private static bool _enabled = Supported && Environment.GetEnvironmentVariable(Variable) != "0";

    /// <summary>
    /// Whether new connections ask for stamps: on 64-bit Linux (x64, Arm64), unless <see cref="Variable"/> is 0; the
    /// runner's <c>--arrival-stamps</c> sets it. Setting it true elsewhere leaves it false.
    /// </summary>
    public static bool Enabled
    {
        get => Volatile.Read(ref _enabled);
        set => Volatile.Write(ref _enabled, value && Supported);
    }

    private static bool Supported => OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Asks the kernel to stamp what <paramref name="socket"/> receives; false when off or refused.</summary>
    public static bool TryEnable(Socket socket)
    {
        if (!Enabled)
        {
            return false;
        }

        try
        {
            socket.SetRawSocketOption(SolSocket, SoTimestampNs, BitConverter.GetBytes(1));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// One <c>recvmsg</c> into <paramref name="buffer"/>, as <c>recv</c> would (errno in the last P/Invoke error);
    /// <paramref name="arrivalTicks"/> is the <see cref="Stopwatch"/> reading of the last segment's arrival, 0 when the
    /// kernel gave none (the first segments after the process first asked for stamps may have none).
    /// </summary>
    public static nint Receive(int fd, byte* buffer, int length, int flags, out long arrivalTicks)
    {
        var iov = stackalloc nint[2];
        iov[0] = (nint)buffer;
        iov[1] = length;
        var control = stackalloc byte[ControlSize];

        // struct msghdr on 64-bit Linux: name, namelen (padded), iov, iovlen, control, controllen, flags (padded)
        var message = stackalloc nint[7];
        message[0] = 0;
        message[1] = 0;
        message[2] = (nint)iov;
        message[3] = 1;
        message[4] = (nint)control;
        message[5] = ControlSize;
        message[6] = 0;
        var n = EpollNative.RecvMsg(fd, message, flags);
        arrivalTicks = n > 0 ? FindStamp(control, message[5]) : 0;
        return n;
    }

    private static long FindStamp(byte* control, nint length)
    {
        // struct cmsghdr: a size_t length, an int level, an int type, then the data aligned to 8
        nint offset = 0;
        while (offset + HeaderSize <= length)
        {
            var size = *(nint*)(control + offset);
            if (size < HeaderSize || offset + size > length)
            {
                return 0;
            }

            if (*(int*)(control + offset + 8) == SolSocket && *(int*)(control + offset + 12) == SoTimestampNs && size >= HeaderSize + 16)
            {
                var seconds = *(long*)(control + offset + HeaderSize);
                var nanoseconds = *(long*)(control + offset + HeaderSize + 8);
                return seconds == 0 && nanoseconds == 0 ? 0 : ToMonotonic((seconds * 1_000_000_000) + nanoseconds);
            }

            offset += (size + 7) & ~(nint)7;
        }

        return 0;
    }

    /// <summary>
    /// The monotonic reading of <paramref name="realtimeNs"/>: a monotonic reading taken between two real-time ones,
    /// minus how long ago the stamp was on the real-time clock. 0 when the thread was interrupted between the
    /// readings twice running (the pairing would then be off by the interruption).
    /// </summary>
    private static long ToMonotonic(long realtimeNs)
    {
        var before = stackalloc long[2];
        var after = stackalloc long[2];
        for (var attempt = 0; attempt < 2; attempt++)
        {
            EpollNative.ClockGetTime(ClockRealtime, before);
            var monotonic = Stopwatch.GetTimestamp();
            EpollNative.ClockGetTime(ClockRealtime, after);
            var beforeNs = (before[0] * 1_000_000_000) + before[1];
            var afterNs = (after[0] * 1_000_000_000) + after[1];
            if (afterNs - beforeNs > MaxPairingNs)
            {
                continue;
            }

            var waitedNs = beforeNs + ((afterNs - beforeNs) / 2) - realtimeNs;
            return waitedNs <= 0 ? monotonic : monotonic - (long)(waitedNs * TicksPerNs);
        }

        return 0;
    }
}
