using System.Collections.Frozen;
using Berth.Core;

namespace Berth.Oci;

/// <summary>
/// The Linux capabilities by their OCI names (CAP_CHOWN ...) and kernel numbers (linux/capability.h),
/// in number order: <c>All[n]</c> is the name of capability n.
/// </summary>
public static class CapabilityNames
{
    /// <summary>The highest capability number known here (CAP_CHECKPOINT_RESTORE, Linux 5.9).</summary>
    public const int Last = 40;

    /// <summary>Every known capability name; the index is the capability number.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "CAP_CHOWN",              // 0
        "CAP_DAC_OVERRIDE",       // 1
        "CAP_DAC_READ_SEARCH",    // 2
        "CAP_FOWNER",             // 3
        "CAP_FSETID",             // 4
        "CAP_KILL",               // 5
        "CAP_SETGID",             // 6
        "CAP_SETUID",             // 7
        "CAP_SETPCAP",            // 8
        "CAP_LINUX_IMMUTABLE",    // 9
        "CAP_NET_BIND_SERVICE",   // 10
        "CAP_NET_BROADCAST",      // 11
        "CAP_NET_ADMIN",          // 12
        "CAP_NET_RAW",            // 13
        "CAP_IPC_LOCK",           // 14
        "CAP_IPC_OWNER",          // 15
        "CAP_SYS_MODULE",         // 16
        "CAP_SYS_RAWIO",          // 17
        "CAP_SYS_CHROOT",         // 18
        "CAP_SYS_PTRACE",         // 19
        "CAP_SYS_PACCT",          // 20
        "CAP_SYS_ADMIN",          // 21
        "CAP_SYS_BOOT",           // 22
        "CAP_SYS_NICE",           // 23
        "CAP_SYS_RESOURCE",       // 24
        "CAP_SYS_TIME",           // 25
        "CAP_SYS_TTY_CONFIG",     // 26
        "CAP_MKNOD",              // 27
        "CAP_LEASE",              // 28
        "CAP_AUDIT_WRITE",        // 29
        "CAP_AUDIT_CONTROL",      // 30
        "CAP_SETFCAP",            // 31
        "CAP_MAC_OVERRIDE",       // 32
        "CAP_MAC_ADMIN",          // 33
        "CAP_SYSLOG",             // 34
        "CAP_WAKE_ALARM",         // 35
        "CAP_BLOCK_SUSPEND",      // 36
        "CAP_AUDIT_READ",         // 37
        "CAP_PERFMON",            // 38
        "CAP_BPF",                // 39
        "CAP_CHECKPOINT_RESTORE", // 40
    ];

    static readonly FrozenDictionary<string, int> Numbers =
        All.Select((name, number) => KeyValuePair.Create(name, number)).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>True for a known name (exact, upper case, with the CAP_ prefix).</summary>
    public static bool IsKnown(string name) => Numbers.ContainsKey(name);

    public static bool TryGetNumber(string name, out int number) => Numbers.TryGetValue(name, out number);

    /// <summary>The number of a known capability; throws InvalidArgument for an unknown name.</summary>
    public static int GetNumber(string name) =>
        Numbers.TryGetValue(name, out var n) ? n : throw BerthException.Invalid($"unknown capability \"{name}\"");

    /// <summary>The name of capability <paramref name="number"/>, or null when it is not known here.</summary>
    public static string? GetName(int number) => number >= 0 && number <= Last ? All[number] : null;
}
