namespace Berth.Linux;

/// <summary>Filter return values (linux/seccomp.h SECCOMP_RET_*); the low 16 bits carry the action's data.</summary>
public static class SeccompRet
{
    public const uint KillProcess = 0x80000000, KillThread = 0x00000000, Trap = 0x00030000, Errno = 0x00050000,
        UserNotif = 0x7fc00000, Trace = 0x7ff00000, Log = 0x7ffc0000, Allow = 0x7fff0000;

    public const uint ActionFullMask = 0xffff0000, DataMask = 0x0000ffff;
}
