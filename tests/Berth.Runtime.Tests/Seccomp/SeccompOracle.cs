using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Seccomp;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>
/// Evaluates a spec directly (no BPF): the reference the compiled programs are checked against.
/// Semantics: bad-arch → KILL_PROCESS; first rule in the order given whose name and arguments match decides,
/// rules carrying the default action ignored; 32-bit ABIs compare the low words only; else the default action.
/// Before the rules, runc's safety net: unless the default is ALLOW, LOG or TRACE, a number (other than -1) above
/// the highest one its ABI's table knows gets ERRNO(ENOSYS); on AUDIT_ARCH_X86_64 the x32 bit tells the ABI.
/// </summary>
static class SeccompOracle
{
    public static uint Evaluate(LinuxSeccomp spec, SeccompArch native, uint arch, int nr, ulong[] args)
    {
        var abis = new HashSet<SeccompArch> { native };
        foreach (string name in spec.Architectures ?? [])
            if (Abi(name) is { } a)
                abis.Add(a);
        uint unr = (uint)nr;
        var candidates = new List<SeccompArch>();
        if (arch == SeccompArchitectures.AuditArchX86_64)
        {
            bool has64 = abis.Contains(SeccompArch.X86_64), has32 = abis.Contains(SeccompArch.X32);
            if (has64 && has32)
                candidates.AddRange([SeccompArch.X86_64, SeccompArch.X32]);
            else if (has64 && (unr < SeccompArchitectures.X32SyscallBit || nr == -1))
                candidates.Add(SeccompArch.X86_64);
            else if (has32 && unr >= SeccompArchitectures.X32SyscallBit)
                candidates.Add(SeccompArch.X32);
        }
        else
            candidates.AddRange(abis.Where(a => SeccompArchitectures.AuditArch(a) == arch));
        if (candidates.Count == 0)
            return SeccompRet.KillProcess;

        uint def = Action(spec.DefaultAction!, spec.DefaultErrnoRet);
        bool permissive = (def & SeccompRet.ActionFullMask) is SeccompRet.Allow or SeccompRet.Log or SeccompRet.Trace;
        if (!permissive && nr != -1)
        {
            var abi = arch == SeccompArchitectures.AuditArchX86_64
                ? (unr >= SeccompArchitectures.X32SyscallBit ? SeccompArch.X32 : SeccompArch.X86_64)
                : candidates[0];
            if (unr > SeccompArchitectures.MaxSyscall(abi))
                return SeccompRet.Errno | 38;
        }
        foreach (var rule in spec.Syscalls ?? [])
        {
            uint action = Action(rule.Action, rule.ErrnoRet);
            if (action == def)
                continue;
            foreach (var abi in candidates)
                if (rule.Names.Any(n => SeccompArchitectures.SyscallNumber(abi, n) is >= 0 and var number && number == nr)
                    && (rule.Args ?? []).All(c => Holds(c, args, SeccompArchitectures.Is64Bit(abi))))
                    return action;
        }
        return def;
    }

    static SeccompArch? Abi(string name) => name switch
    {
        "SCMP_ARCH_X86_64" => SeccompArch.X86_64,
        "SCMP_ARCH_X86" => SeccompArch.X86,
        "SCMP_ARCH_X32" => SeccompArch.X32,
        "SCMP_ARCH_AARCH64" => SeccompArch.Aarch64,
        _ => null,
    };

    static uint Action(string action, uint? errno) => action switch
    {
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => SeccompRet.KillThread,
        "SCMP_ACT_KILL_PROCESS" => SeccompRet.KillProcess,
        "SCMP_ACT_TRAP" => SeccompRet.Trap,
        "SCMP_ACT_ERRNO" => SeccompRet.Errno | (errno ?? 1),
        "SCMP_ACT_TRACE" => SeccompRet.Trace | (errno ?? 1),
        "SCMP_ACT_ALLOW" => SeccompRet.Allow,
        "SCMP_ACT_LOG" => SeccompRet.Log,
        _ => throw new ArgumentException(action),
    };

    public static bool Holds(LinuxSeccompArg c, ulong[] args, bool is64)
    {
        ulong a = c.Index < args.Length ? args[c.Index] : 0, v = c.Value, v2 = c.ValueTwo;
        if (!is64)
            (a, v, v2) = ((uint)a, (uint)v, (uint)v2);
        return c.Op switch
        {
            "SCMP_CMP_NE" => a != v,
            "SCMP_CMP_LT" => a < v,
            "SCMP_CMP_LE" => a <= v,
            "SCMP_CMP_EQ" => a == v,
            "SCMP_CMP_GE" => a >= v,
            "SCMP_CMP_GT" => a > v,
            "SCMP_CMP_MASKED_EQ" => (a & v) == (v2 & v),
            _ => throw new ArgumentException(c.Op),
        };
    }
}
