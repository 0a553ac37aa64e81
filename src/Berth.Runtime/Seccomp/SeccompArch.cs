using System.Runtime.InteropServices;
using Berth.Core;

namespace Berth.Runtime.Seccomp;

/// <summary>The system-call ABIs Berth has syscall tables for.</summary>
public enum SeccompArch
{
    X86_64,
    X86,
    X32,
    Aarch64,
}

/// <summary>What the compiler needs to know about each ABI: its name, AUDIT_ARCH_* value, word size and table.</summary>
public static class SeccompArchitectures
{
    /// <summary>__X32_SYSCALL_BIT: set in seccomp_data.nr for x32 system calls (which report AUDIT_ARCH_X86_64).</summary>
    public const uint X32SyscallBit = 0x40000000;

    public const uint AuditArchX86_64 = 0xC000003E, AuditArchI386 = 0x40000003, AuditArchAarch64 = 0xC00000B7;

    /// <summary>The ABI of the machine we run on: always part of a filter, as libseccomp does.</summary>
    public static SeccompArch Native => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => SeccompArch.X86_64,
        Architecture.Arm64 => SeccompArch.Aarch64,
        var other => throw new BerthException(ErrorKind.NotImplemented, $"seccomp: no support for {other} hosts"),
    };

    public static uint AuditArch(SeccompArch arch) => arch switch
    {
        SeccompArch.X86_64 or SeccompArch.X32 => AuditArchX86_64,
        SeccompArch.X86 => AuditArchI386,
        SeccompArch.Aarch64 => AuditArchAarch64,
        _ => throw new ArgumentOutOfRangeException(nameof(arch)),
    };

    /// <summary>Whether arguments are compared on 64 bits (libseccomp's ARCH_SIZE_64; x32 counts as 32, as there).</summary>
    public static bool Is64Bit(SeccompArch arch) => arch is SeccompArch.X86_64 or SeccompArch.Aarch64;

    /// <summary>The number seccomp_data.nr holds for <paramref name="name"/> on <paramref name="arch"/>, or -1.</summary>
    public static int SyscallNumber(SeccompArch arch, string name) => arch switch
    {
        SeccompArch.X86_64 => SyscallTables.X86_64(name),
        SeccompArch.X86 => SyscallTables.X86(name),
        SeccompArch.X32 => SyscallTables.X32(name),
        SeccompArch.Aarch64 => SyscallTables.Aarch64(name),
        _ => -1,
    };

    /// <summary>
    /// The highest number <paramref name="arch"/>'s table knows (x32: with __X32_SYSCALL_BIT). A number above it
    /// is a system call newer than the table, which filters answer with ENOSYS (see <see cref="SeccompCodeGen"/>).
    /// </summary>
    public static uint MaxSyscall(SeccompArch arch) => arch switch
    {
        SeccompArch.X86_64 => SyscallTables.X86_64Max,
        SeccompArch.X86 => SyscallTables.X86Max,
        SeccompArch.X32 => SyscallTables.X32Max,
        SeccompArch.Aarch64 => SyscallTables.Aarch64Max,
        _ => throw new ArgumentOutOfRangeException(nameof(arch)),
    };

    /// <summary>Whether any table knows the name (a name unknown everywhere is warned about).</summary>
    public static bool IsKnownSyscall(string name) =>
        SyscallTables.X86_64(name) >= 0 || SyscallTables.X86(name) >= 0 || SyscallTables.X32(name) >= 0
        || SyscallTables.Aarch64(name) >= 0;

    public static string SpecName(SeccompArch arch) => arch switch
    {
        SeccompArch.X86_64 => "SCMP_ARCH_X86_64",
        SeccompArch.X86 => "SCMP_ARCH_X86",
        SeccompArch.X32 => "SCMP_ARCH_X32",
        SeccompArch.Aarch64 => "SCMP_ARCH_AARCH64",
        _ => arch.ToString(),
    };

    /// <summary>An OCI architecture name: the ABI, or null (with a reason) for a libseccomp name Berth has no table for.</summary>
    public static SeccompArch? Parse(string name, out string? unsupported)
    {
        unsupported = null;
        switch (name)
        {
            case "SCMP_ARCH_X86_64": return SeccompArch.X86_64;
            case "SCMP_ARCH_X86": return SeccompArch.X86;
            case "SCMP_ARCH_X32": return SeccompArch.X32;
            case "SCMP_ARCH_AARCH64": return SeccompArch.Aarch64;
        }
        if (KnownWithoutTable.Contains(name))
        {
            unsupported = $"seccomp: architecture {name} is not supported by berth (no syscall table); its system calls get the bad-architecture action";
            return null;
        }
        throw BerthException.Invalid($"seccomp: unknown architecture \"{name}\"");
    }

    static readonly HashSet<string> KnownWithoutTable =
    [
        "SCMP_ARCH_ARM", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL",
        "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE",
        "SCMP_ARCH_S390", "SCMP_ARCH_S390X", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64",
        "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_SH", "SCMP_ARCH_SHEB",
    ];
}
