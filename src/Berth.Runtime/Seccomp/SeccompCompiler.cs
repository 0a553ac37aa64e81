using Berth.Core;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Compiles the OCI <c>linux.seccomp</c> section into a classic BPF program with libseccomp's semantics:
/// architecture check first (the native ABI always included, anything else gets the bad-arch action),
/// per-syscall rules resolved by name for each ABI, arguments compared on 64 bits (low word only on
/// 32-bit ABIs), rules whose action equals the default action dropped; plus runc's safety net: numbers
/// newer than the tables get ENOSYS under a denying default.
/// </summary>
public static class SeccompCompiler
{
    /// <summary>
    /// What a system call of an ABI missing from the filter gets. libseccomp's default is SCMP_ACT_KILL
    /// (= KILL_THREAD); Berth kills the whole process instead, so no half-killed thread group is left behind.
    /// </summary>
    public const uint BadArchAction = SeccompRet.KillProcess;

    /// <summary>
    /// What a system call newer than Berth's tables (a number above the ABI's highest known one) gets when the
    /// default action denies: ERRNO(ENOSYS), so that libc falls back to an older call as on an older kernel
    /// (runc's -ENOSYS stub). Under an ALLOW, LOG or TRACE default such calls keep the default, as in runc.
    /// </summary>
    public const uint NewSyscallAction = SeccompRet.Errno | 38; // ENOSYS

    /// <summary>Whether numbers above the tables get <see cref="NewSyscallAction"/> under <paramref name="defaultAction"/>.</summary>
    public static bool DeniesNewSyscalls(uint defaultAction) =>
        (defaultAction & SeccompRet.ActionFullMask) is not (SeccompRet.Allow or SeccompRet.Log or SeccompRet.Trace);

    /// <summary>Compiles for the ABI this process runs on.</summary>
    public static SeccompProgram Compile(LinuxSeccomp spec, out IReadOnlyList<string> warnings) =>
        Compile(spec, SeccompArchitectures.Native, out warnings);

    /// <summary>
    /// Compiles for a machine whose native ABI is <paramref name="native"/>. Unknown syscall names and
    /// unsupported architectures end up in <paramref name="warnings"/>; anything invalid throws a
    /// <see cref="BerthException"/> of kind InvalidArgument.
    /// </summary>
    public static SeccompProgram Compile(LinuxSeccomp spec, SeccompArch native, out IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var warn = new List<string>();
        uint defaultAction = SeccompActions.Parse(spec.DefaultAction, spec.DefaultErrnoRet, "seccomp: defaultAction", "defaultErrnoRet");
        uint flags = ParseFlags(spec.Flags, warn);
        var abis = ParseArchitectures(spec.Architectures, native, warn);
        var entries = ParseSyscalls(spec.Syscalls);

        var sections = new List<SeccompSection>();
        foreach (var abi in abis)
        {
            uint audit = SeccompArchitectures.AuditArch(abi);
            var section = sections.Find(s => s.AuditArch == audit);
            if (section is null)
                sections.Add(section = new SeccompSection(audit));
            section.Abis.Add(abi);
        }

        var unknown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (names, rule) in entries)
        {
            if (rule.Action == defaultAction)
                continue; // redundant: libseccomp refuses such rules and runc skips them
            foreach (string name in names)
            {
                bool found = false;
                foreach (var section in sections)
                    foreach (var abi in section.Abis)
                    {
                        int nr = SeccompArchitectures.SyscallNumber(abi, name);
                        if (nr < 0)
                            continue;
                        found = true;
                        section.Add((uint)nr, SeccompArchitectures.Is64Bit(abi) ? rule : Truncated(rule));
                    }
                if (!found && !SeccompArchitectures.IsKnownSyscall(name) && unknown.Add(name))
                    warn.Add($"seccomp: unknown system call \"{name}\" skipped");
            }
        }

        var program = SeccompCodeGen.Generate(sections, defaultAction, BadArchAction,
            DeniesNewSyscalls(defaultAction) ? NewSyscallAction : null);
        if (program.Length > Bpf.MaxInstructions)
            throw BerthException.Invalid(
                $"seccomp: the filter compiles to {program.Length} BPF instructions, more than the kernel's limit of {Bpf.MaxInstructions}");
        warnings = warn;
        return new SeccompProgram(program, flags);
    }

    static SeccompRule Truncated(SeccompRule rule) =>
        rule.IsUnconditional ? rule : rule with { Conditions = Array.ConvertAll(rule.Conditions, c => c.Truncated()) };

    static uint ParseFlags(List<string>? names, List<string> warn)
    {
        uint flags = 0;
        foreach (string name in names ?? [])
        {
            switch (name)
            {
                case "SECCOMP_FILTER_FLAG_TSYNC": flags |= SeccompFilter.FlagTsync; break;
                case "SECCOMP_FILTER_FLAG_LOG": flags |= SeccompFilter.FlagLog; break;
                case "SECCOMP_FILTER_FLAG_SPEC_ALLOW": flags |= SeccompFilter.FlagSpecAllow; break;
                case "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV":
                    warn.Add("seccomp: flag SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV ignored (it only applies to SCMP_ACT_NOTIFY, which berth does not support)");
                    break;
                default: throw BerthException.Invalid($"seccomp: unknown flag \"{name}\"");
            }
        }
        return flags;
    }

    static List<SeccompArch> ParseArchitectures(List<string>? names, SeccompArch native, List<string> warn)
    {
        var abis = new List<SeccompArch> { native };
        foreach (string name in names ?? [])
        {
            var abi = SeccompArchitectures.Parse(name, out string? unsupported);
            if (unsupported is not null)
                warn.Add(unsupported);
            if (abi is { } a && !abis.Contains(a))
                abis.Add(a);
        }
        return abis;
    }

    static List<(List<string> Names, SeccompRule Rule)> ParseSyscalls(List<LinuxSyscall>? syscalls)
    {
        var entries = new List<(List<string>, SeccompRule)>();
        for (int i = 0; i < (syscalls?.Count ?? 0); i++)
        {
            var call = syscalls![i];
            string where = $"seccomp: syscalls[{i}]";
            if (call is null)
                throw BerthException.Invalid($"{where}: null entry");
            if (call.Names is not { Count: > 0 })
                throw BerthException.Invalid($"{where}: names must list at least one system call");
            uint action = SeccompActions.Parse(call.Action, call.ErrnoRet, where);
            var conditions = (call.Args ?? []).Select(a => SeccompCondition.Parse(a, where)).ToArray();
            entries.Add((call.Names, new SeccompRule(action, conditions)));
        }
        return entries;
    }
}
