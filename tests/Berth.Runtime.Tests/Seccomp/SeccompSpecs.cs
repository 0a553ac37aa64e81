using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Seccomp;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>Small builders for seccomp specs and for running compiled programs.</summary>
static class SeccompSpecs
{
    public const uint X86_64 = SeccompArchitectures.AuditArchX86_64, I386 = SeccompArchitectures.AuditArchI386,
        Aarch64 = SeccompArchitectures.AuditArchAarch64;

    public static uint Errno(uint errno) => SeccompRet.Errno | errno;

    public static LinuxSeccomp Profile(string defaultAction, params LinuxSyscall[] syscalls) =>
        new() { DefaultAction = defaultAction, Syscalls = [.. syscalls] };

    public static LinuxSyscall Rule(string action, params string[] names) => new() { Action = action, Names = [.. names] };

    public static LinuxSyscall Errno(uint errno, params string[] names) =>
        new() { Action = "SCMP_ACT_ERRNO", ErrnoRet = errno, Names = [.. names] };

    public static LinuxSyscall With(this LinuxSyscall rule, params LinuxSeccompArg[] args)
    {
        rule.Args = [.. args];
        return rule;
    }

    public static LinuxSeccompArg Arg(uint index, string op, ulong value, ulong valueTwo = 0) =>
        new() { Index = index, Op = op, Value = value, ValueTwo = valueTwo };

    public static SeccompProgram Compile(LinuxSeccomp spec, SeccompArch native = SeccompArch.X86_64) =>
        SeccompCompiler.Compile(spec, native, out _);

    /// <summary>The verdict for <paramref name="name"/> called through <paramref name="abi"/>.</summary>
    public static uint Verdict(this SeccompProgram program, SeccompArch abi, string name, params ulong[] args)
    {
        int nr = SeccompArchitectures.SyscallNumber(abi, name);
        Assert.True(nr >= 0, $"{name} has no number on {abi}");
        return program.Verdict(SeccompArchitectures.AuditArch(abi), nr, args);
    }

    public static uint Verdict(this SeccompProgram program, uint arch, int nr, params ulong[] args) =>
        BpfInterpreter.Run(program.Instructions, new SeccompData(nr, arch, args));

    public static string Describe(uint ret) => (ret & SeccompRet.ActionFullMask) switch
    {
        SeccompRet.KillProcess => "KILL_PROCESS",
        SeccompRet.KillThread => "KILL_THREAD",
        SeccompRet.Errno => $"ERRNO({ret & SeccompRet.DataMask})",
        SeccompRet.Trace => $"TRACE({ret & SeccompRet.DataMask})",
        SeccompRet.Allow => "ALLOW",
        _ => $"0x{ret:x8}",
    };
}
