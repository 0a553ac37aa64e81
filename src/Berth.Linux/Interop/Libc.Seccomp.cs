using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

/// <summary>seccomp(2) and the prctl(2) options around it.</summary>
public static unsafe partial class Libc
{
    public const int PR_SET_SECCOMP = 22, PR_GET_SECCOMP = 21, PR_GET_NO_NEW_PRIVS = 39;

    public const int SECCOMP_MODE_FILTER = 2;
    public const int SECCOMP_SET_MODE_FILTER = 1;

    /// <summary>__NR_seccomp of the architecture this process runs on; -1 where Berth does not know it.</summary>
    public static long SYS_seccomp => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 317,
        Architecture.Arm64 => 277,
        Architecture.X86 => 354,
        Architecture.Arm => 383,
        _ => -1,
    };

    /// <summary>struct sock_fprog.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockFprog
    {
        public ushort Len;
        public SockFilter* Filter;
    }
}
