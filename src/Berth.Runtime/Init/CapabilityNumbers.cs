namespace Berth.Runtime.Init;

/// <summary>Temporary name table until Berth.Oci's CapabilityNames lands.</summary>
public static class CapabilityNumbers
{
    static readonly string[] Names =
    [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ];

    public static bool TryGet(string name, out int number)
    {
        var n = name.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? name[4..] : name;
        number = Array.FindIndex(Names, x => x.Equals(n, StringComparison.OrdinalIgnoreCase));
        return number >= 0;
    }
}
