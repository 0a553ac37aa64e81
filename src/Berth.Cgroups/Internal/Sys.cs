using System.Runtime.InteropServices;
using Berth.Linux;
using Berth.Linux.Interop;

namespace Berth.Cgroups.Internal;

/// <summary>
/// The two system calls the cgroup code needs beyond open/read/write: kill(2) and rmdir (unlinkat AT_REMOVEDIR).
/// They go through the generic Libc.syscall so this project adds no import of its own.
/// </summary>
internal static class Sys
{
    public const int SIGKILL = 9;
    const int AT_REMOVEDIR = 0x200;

    static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
    static long SysKill => Arm64 ? 129 : 62;
    static long SysUnlinkat => Arm64 ? 35 : 263;

    /// <summary>kill(pid, sig); false when the process is already gone (ESRCH).</summary>
    public static bool Kill(int pid, int signal)
    {
        if (pid <= 0) throw new ArgumentOutOfRangeException(nameof(pid), "refusing to signal a process group");
        if (Libc.syscall(SysKill, pid, signal, 0, 0, 0, 0) == 0) return true;
        var errno = Errno.Last;
        return errno == Errno.ESRCH ? false : throw new LinuxException(errno, $"kill -{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>rmdir(path); returns errno (0 on success) so callers can retry on EBUSY.</summary>
    public static int Rmdir(string path)
    {
        var p = Marshal.StringToCoTaskMemUTF8(path);
        try
        {
            return Libc.syscall(SysUnlinkat, Libc.AT_FDCWD, p, AT_REMOVEDIR, 0, 0, 0) == 0 ? 0 : Errno.Last;
        }
        finally { Marshal.FreeCoTaskMem(p); }
    }
}
