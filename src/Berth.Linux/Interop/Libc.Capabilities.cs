using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

public static unsafe partial class Libc
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CapData
    {
        public uint Effective, Permitted, Inheritable;
    }

    public const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    public const int SECBIT_KEEP_CAPS = 1 << 4, SECBIT_NO_SETUID_FIXUP = 1 << 2;

    /// <summary>capset for the calling thread; data points to two CapData (64 capability bits).</summary>
    public static int capset(CapHeader* header, CapData* data) =>
        (int)syscall(SyscallNumbers.Capset, (long)header, (long)data, 0, 0, 0, 0);

    public static int capget(CapHeader* header, CapData* data) =>
        (int)syscall(SyscallNumbers.Capget, (long)header, (long)data, 0, 0, 0, 0);

    // Raw syscalls: glibc's wrappers broadcast to every thread; the runtime changes only the thread that execs.
    public static int setresuid_thread(uint r, uint e, uint s) => (int)syscall(SyscallNumbers.Setresuid, r, e, s, 0, 0, 0);
    public static int setresgid_thread(uint r, uint e, uint s) => (int)syscall(SyscallNumbers.Setresgid, r, e, s, 0, 0, 0);

    public static int setgroups_thread(ReadOnlySpan<uint> groups)
    {
        fixed (uint* g = groups)
            return (int)syscall(SyscallNumbers.Setgroups, groups.Length, (long)g, 0, 0, 0, 0);
    }
}
