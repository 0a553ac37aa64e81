using Berth.Linux;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Lays out the BPF program:
/// <code>
///   ld arch; jeq AUDIT_ARCH_a → section a; ...; ret BAD_ARCH
///   section: ld nr; [jgt MAX → ret ENOSYS (-1 excepted)]; [x86_64/x32 ABI check]
///            jeq n → block; block: rule; rule; ...; ret fallback   (syscalls with argument rules)
///            jeq n1 → ret A; jeq n2 → ret A; ... ret A      (syscalls with one unconditional action, grouped)
///            ret DEFAULT
/// </code>
/// One compare per plain syscall keeps Docker's profile far below BPF_MAXINSNS; the accumulator holds the
/// syscall number on every path between compares, and argument blocks always end in a return.
/// </summary>
static class SeccompCodeGen
{
    const uint OffsetNr = 0, OffsetArch = 4, OffsetArgs = 16;
    const int GroupChunk = 200; // compares sharing one return: keeps every jump to it short

    /// <param name="newSyscallAction">What numbers above an ABI's table get (ERRNO(ENOSYS)), or null for the default action.</param>
    public static SockFilter[] Generate(List<SeccompSection> sections, uint defaultAction, uint badArchAction, uint? newSyscallAction = null)
    {
        var asm = new BpfAssembler();
        var starts = sections.Select(_ => asm.NewLabel()).ToList();
        asm.Load(OffsetArch);
        for (int i = 0; i < sections.Count; i++)
        {
            var next = asm.NewLabel();
            asm.Jump(Bpf.JEQ, sections[i].AuditArch, starts[i], next);
            asm.Mark(next);
        }
        asm.Return(badArchAction);
        for (int i = 0; i < sections.Count; i++)
        {
            asm.Mark(starts[i]);
            Section(asm, sections[i], defaultAction, badArchAction, newSyscallAction);
        }
        return asm.Assemble();
    }

    static void Section(BpfAssembler asm, SeccompSection section, uint defaultAction, uint badArchAction, uint? newSyscallAction)
    {
        asm.Load(OffsetNr);
        var body = asm.NewLabel();
        bool x86_64 = section.Abis.Contains(SeccompArch.X86_64), x32 = section.Abis.Contains(SeccompArch.X32);
        if (newSyscallAction is { } enosys)
            NewerThanTheTable(asm, section, x86_64, x32, body, enosys, badArchAction);
        else if (x86_64 != x32)
            X32Check(asm, x86_64, body, badArchAction);
        asm.Mark(body);

        // Argument blocks first: the kernel (5.11+) caches the verdict of syscalls that never look at their
        // arguments, so the plain compares cost nothing after the first call while these run every time.
        foreach (var (nr, rules) in section.Syscalls)
            if (rules is not [{ IsUnconditional: true }])
                ArgumentBlock(asm, nr, rules, defaultAction);

        var plain = section.Syscalls.Where(s => s.Value is [{ IsUnconditional: true }])
            .GroupBy(s => s.Value[0].Action, s => s.Key)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key);
        foreach (var group in plain)
            foreach (var chunk in group.Chunk(GroupChunk))
                PlainGroup(asm, chunk, group.Key);

        asm.Return(defaultAction);
    }

    /// <summary>
    /// AUDIT_ARCH_X86_64 covers both x86_64 and x32: refuses the one the filter does not list, as libseccomp
    /// does. x32 numbers have bit 30; -1 (a tracer skipping the call) is no x32 call and goes to the rules.
    /// </summary>
    static void X32Check(BpfAssembler asm, bool x86_64, BpfAssembler.Label body, uint badArchAction)
    {
        var bad = asm.NewLabel();
        if (x86_64)
        {
            var high = asm.NewLabel();
            asm.Jump(Bpf.JGE, SeccompArchitectures.X32SyscallBit, high, body);
            asm.Mark(high);
            asm.Jump(Bpf.JEQ, uint.MaxValue, body, bad);
        }
        else
            asm.Jump(Bpf.JGE, SeccompArchitectures.X32SyscallBit, body, bad);
        asm.Mark(bad);
        asm.Return(badArchAction);
    }

    /// <summary>
    /// runc's safety net: a number above the highest one the ABI's table knows is a system call newer than
    /// Berth, and gets <paramref name="enosys"/> (ERRNO(ENOSYS)) so that libc falls back to an older call.
    /// One compare per ABI on the path of known numbers; -1 is no system call and goes to the rules. Folds in
    /// the x86_64/x32 check: with one of them listed, numbers of the other are still bad-arch.
    /// </summary>
    static void NewerThanTheTable(BpfAssembler asm, SeccompSection section, bool x86_64, bool x32,
        BpfAssembler.Label body, uint enosys, uint badArchAction)
    {
        var newer = asm.NewLabel();   // ret ENOSYS
        var above = asm.NewLabel();   // above the (first) ABI's highest number: -1, x32, or newer
        if (x86_64 && x32)
        {
            // jge bit → x32; jgt max64 → newer; ...  x32: jgt maxX32 → above (-1 or newer)
            var x32Range = asm.NewLabel();
            var native = asm.NewLabel();
            asm.Jump(Bpf.JGE, SeccompArchitectures.X32SyscallBit, x32Range, native);
            asm.Mark(native);
            asm.Jump(Bpf.JGT, SeccompArchitectures.MaxSyscall(SeccompArch.X86_64), newer, body);
            asm.Mark(x32Range);
            asm.Jump(Bpf.JGT, SeccompArchitectures.MaxSyscall(SeccompArch.X32), above, body);
            asm.Mark(above);
            asm.Jump(Bpf.JEQ, uint.MaxValue, body, newer);
        }
        else if (x86_64)
        {
            // jgt max64 → above; above: jge bit → x32 numbers (bad arch unless -1), else newer
            var high = asm.NewLabel();
            var bad = asm.NewLabel();
            asm.Jump(Bpf.JGT, SeccompArchitectures.MaxSyscall(SeccompArch.X86_64), above, body);
            asm.Mark(above);
            asm.Jump(Bpf.JGE, SeccompArchitectures.X32SyscallBit, high, newer);
            asm.Mark(high);
            asm.Jump(Bpf.JEQ, uint.MaxValue, body, bad);
            asm.Mark(bad);
            asm.Return(badArchAction);
        }
        else if (x32)
        {
            // jgt maxX32 → above (-1 or newer); jge bit → body, else an x86_64 number: bad arch
            var low = asm.NewLabel();
            var bad = asm.NewLabel();
            asm.Jump(Bpf.JGT, SeccompArchitectures.MaxSyscall(SeccompArch.X32), above, low);
            asm.Mark(above);
            asm.Jump(Bpf.JEQ, uint.MaxValue, body, newer);
            asm.Mark(newer);
            asm.Return(enosys);
            asm.Mark(low);
            asm.Jump(Bpf.JGE, SeccompArchitectures.X32SyscallBit, body, bad);
            asm.Mark(bad);
            asm.Return(badArchAction);
            return;
        }
        else
        {
            var abi = section.Abis.Single(); // one ABI per AUDIT_ARCH value apart from x86_64/x32
            asm.Jump(Bpf.JGT, SeccompArchitectures.MaxSyscall(abi), above, body);
            asm.Mark(above);
            asm.Jump(Bpf.JEQ, uint.MaxValue, body, newer);
        }
        asm.Mark(newer);
        asm.Return(enosys);
    }

    static void PlainGroup(BpfAssembler asm, uint[] numbers, uint action)
    {
        var ret = asm.NewLabel();
        var after = asm.NewLabel();
        for (int i = 0; i < numbers.Length; i++)
        {
            var next = i == numbers.Length - 1 ? after : asm.NewLabel();
            asm.Jump(Bpf.JEQ, numbers[i], ret, next);
            if (i < numbers.Length - 1)
                asm.Mark(next);
        }
        asm.Mark(ret);
        asm.Return(action);
        asm.Mark(after);
    }

    static void ArgumentBlock(BpfAssembler asm, uint nr, List<SeccompRule> rules, uint defaultAction)
    {
        var block = asm.NewLabel();
        var after = asm.NewLabel();
        asm.Jump(Bpf.JEQ, nr, block, after);
        asm.Mark(block);
        foreach (var rule in rules)
        {
            var fail = asm.NewLabel();
            foreach (var condition in rule.Conditions)
            {
                var ok = asm.NewLabel();
                Condition(asm, condition, ok, fail);
                asm.Mark(ok);
            }
            asm.Return(rule.Action);
            asm.Mark(fail);
        }
        if (!rules[^1].IsUnconditional)
            asm.Return(defaultAction);
        asm.Mark(after);
    }

    /// <summary>Jumps to <paramref name="ok"/> (always placed right after) when the condition holds, else to <paramref name="fail"/>.</summary>
    static void Condition(BpfAssembler asm, SeccompCondition c, BpfAssembler.Label ok, BpfAssembler.Label fail)
    {
        uint lo = OffsetArgs + 8 * (uint)c.Index, hi = lo + 4; // little-endian seccomp_data
        uint vLo = (uint)c.Value, vHi = (uint)(c.Value >> 32);
        if (c.LowWordOnly || c.Op == SeccompOp.MaskedEqual && c.Mask >> 32 == 0)
        {
            // 32-bit ABI (value and mask already truncated), or a MASKED_EQ whose mask leaves the high word out.
            Word(asm, c.Op, lo, vLo, (uint)c.Mask, ok, fail);
            return;
        }
        var lowWord = asm.NewLabel();
        switch (c.Op)
        {
            case SeccompOp.Equal:
                asm.Load(hi);
                asm.Jump(Bpf.JEQ, vHi, lowWord, fail);
                break;
            case SeccompOp.NotEqual:
                asm.Load(hi);
                asm.Jump(Bpf.JEQ, vHi, lowWord, ok);
                break;
            case SeccompOp.MaskedEqual:
                asm.Load(hi);
                uint mHi = (uint)(c.Mask >> 32);
                if (mHi != uint.MaxValue)
                    asm.And(mHi);
                asm.Jump(Bpf.JEQ, vHi, lowWord, fail);
                break;
            case SeccompOp.Greater or SeccompOp.GreaterOrEqual:
            case SeccompOp.Less or SeccompOp.LessOrEqual:
                bool greater = c.Op is SeccompOp.Greater or SeccompOp.GreaterOrEqual;
                var equalHigh = asm.NewLabel();
                asm.Load(hi);
                asm.Jump(Bpf.JGT, vHi, greater ? ok : fail, equalHigh);
                asm.Mark(equalHigh);
                asm.Jump(Bpf.JEQ, vHi, lowWord, greater ? fail : ok);
                break;
        }
        asm.Mark(lowWord);
        Word(asm, c.Op, lo, vLo, (uint)c.Mask, ok, fail);
    }

    /// <summary>One 32-bit comparison of the word at <paramref name="offset"/> (unsigned, as BPF jumps are).</summary>
    static void Word(BpfAssembler asm, SeccompOp op, uint offset, uint value, uint mask, BpfAssembler.Label ok, BpfAssembler.Label fail)
    {
        if (op == SeccompOp.MaskedEqual && mask == 0)
            return; // (x & 0) == 0 always holds: falls through to ok
        asm.Load(offset);
        switch (op)
        {
            case SeccompOp.Equal: asm.Jump(Bpf.JEQ, value, ok, fail); break;
            case SeccompOp.NotEqual: asm.Jump(Bpf.JEQ, value, fail, ok); break;
            case SeccompOp.Greater: asm.Jump(Bpf.JGT, value, ok, fail); break;
            case SeccompOp.GreaterOrEqual: asm.Jump(Bpf.JGE, value, ok, fail); break;
            case SeccompOp.Less: asm.Jump(Bpf.JGE, value, fail, ok); break;
            case SeccompOp.LessOrEqual: asm.Jump(Bpf.JGT, value, fail, ok); break;
            case SeccompOp.MaskedEqual:
                if (mask != uint.MaxValue)
                    asm.And(mask);
                asm.Jump(Bpf.JEQ, value, ok, fail);
                break;
        }
    }
}
