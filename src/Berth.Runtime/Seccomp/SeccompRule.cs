namespace Berth.Runtime.Seccomp;

/// <summary>What happens to one system call number when all <see cref="Conditions"/> hold (none: always).</summary>
sealed record SeccompRule(uint Action, SeccompCondition[] Conditions)
{
    public bool IsUnconditional => Conditions.Length == 0;
}

/// <summary>
/// The rules of one filter section: one AUDIT_ARCH value, covering one ABI or, for AUDIT_ARCH_X86_64,
/// both x86_64 and x32 (told apart by __X32_SYSCALL_BIT in the number).
/// </summary>
sealed class SeccompSection(uint auditArch)
{
    public uint AuditArch { get; } = auditArch;
    public List<SeccompArch> Abis { get; } = [];

    /// <summary>Rules by syscall number, in the order given; the first whose conditions hold decides.</summary>
    public SortedDictionary<uint, List<SeccompRule>> Syscalls { get; } = [];

    public void Add(uint nr, SeccompRule rule)
    {
        if (!Syscalls.TryGetValue(nr, out var list))
            Syscalls[nr] = list = [];
        if (list.Count > 0 && list[^1].IsUnconditional)
            return; // an earlier rule already catches every call
        list.Add(rule);
    }
}
