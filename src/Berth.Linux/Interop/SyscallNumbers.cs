using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

/// <summary>Numbers of the system calls Berth makes raw (no libc wrapper, or a wrapper that does too much).</summary>
public static class SyscallNumbers
{
    static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    public static long PivotRoot => Arm64 ? 41 : 155;
    public static long Capget => Arm64 ? 90 : 125;
    public static long Capset => Arm64 ? 91 : 126;
    public static long Setresuid => Arm64 ? 147 : 117;
    public static long Setresgid => Arm64 ? 149 : 119;
    public static long Setgroups => Arm64 ? 159 : 116;
    public static long Openat2 => 437;
    public static long CloseRange => 436;
    public static long PidfdOpen => 434;
    public static long PidfdSendSignal => 424;
}
