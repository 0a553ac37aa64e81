using Berth.Linux;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>struct seccomp_data as a filter sees it.</summary>
public sealed record SeccompData(int Nr, uint Arch, params ulong[] Args)
{
    public ulong InstructionPointer { get; init; }

    /// <summary>The 32-bit word at <paramref name="offset"/> of the little-endian struct (64 bytes).</summary>
    public uint Word(uint offset)
    {
        if (offset % 4 != 0 || offset >= 64)
            throw new InvalidOperationException($"misaligned or out-of-range load at {offset}");
        ulong Arg(int i) => i < Args.Length ? Args[i] : 0;
        return offset switch
        {
            0 => (uint)Nr,
            4 => Arch,
            8 => (uint)InstructionPointer,
            12 => (uint)(InstructionPointer >> 32),
            _ => (offset - 16) % 8 == 0 ? (uint)Arg((int)(offset - 16) / 8) : (uint)(Arg((int)(offset - 20) / 8) >> 32),
        };
    }
}

/// <summary>
/// A classic BPF interpreter with the kernel's seccomp checks (bpf_check_classic + seccomp_check_filter):
/// length 1..4096, only the instructions seccomp allows, aligned in-bounds loads, jumps inside the program,
/// a return at the end. Used to run compiled filters against synthetic system calls.
/// </summary>
public static class BpfInterpreter
{
    public static void Validate(ReadOnlySpan<SockFilter> program)
    {
        if (program.Length is 0 or > Bpf.MaxInstructions)
            throw new InvalidOperationException($"program length {program.Length} out of range");
        for (int pc = 0; pc < program.Length; pc++)
        {
            var i = program[pc];
            int cls = i.Code & 0x07;
            switch (cls)
            {
                case Bpf.LD when i.Code == (Bpf.LD | Bpf.W | Bpf.ABS):
                    if (i.K % 4 != 0 || i.K >= 64)
                        throw new InvalidOperationException($"pc {pc}: bad seccomp_data load at {i.K}");
                    break;
                case Bpf.LD when i.Code is (Bpf.LD | Bpf.IMM) or (Bpf.LD | Bpf.MEM) or (Bpf.LD | Bpf.W | Bpf.LEN):
                case Bpf.LDX when i.Code is (Bpf.LDX | Bpf.IMM) or (Bpf.LDX | Bpf.MEM) or (Bpf.LDX | Bpf.W | Bpf.LEN):
                case Bpf.ST or Bpf.STX:
                case Bpf.ALU:
                case Bpf.MISC:
                case Bpf.RET:
                    break;
                case Bpf.JMP:
                    if ((i.Code & 0xf0) == Bpf.JA)
                    {
                        if ((ulong)pc + 1 + i.K >= (ulong)program.Length)
                            throw new InvalidOperationException($"pc {pc}: ja out of range");
                    }
                    else if (pc + 1 + Math.Max(i.Jt, i.Jf) >= program.Length)
                        throw new InvalidOperationException($"pc {pc}: conditional jump out of range");
                    break;
                default:
                    throw new InvalidOperationException($"pc {pc}: instruction 0x{i.Code:x2} not allowed in seccomp");
            }
        }
        if ((program[^1].Code & 0x07) != Bpf.RET)
            throw new InvalidOperationException("program does not end with a return");
    }

    /// <summary>Runs the filter and returns its SECCOMP_RET_* verdict.</summary>
    public static uint Run(ReadOnlySpan<SockFilter> program, SeccompData data)
    {
        Validate(program);
        uint a = 0, x = 0;
        Span<uint> mem = stackalloc uint[16];
        mem.Clear();
        for (int pc = 0; ; pc++)
        {
            var i = program[pc];
            switch (i.Code & 0x07)
            {
                case Bpf.LD:
                    a = (i.Code & 0xe0) switch
                    {
                        Bpf.ABS => data.Word(i.K),
                        Bpf.IMM => i.K,
                        Bpf.MEM => mem[(int)i.K],
                        Bpf.LEN => 64,
                        _ => throw new InvalidOperationException($"pc {pc}: bad load 0x{i.Code:x2}"),
                    };
                    break;
                case Bpf.LDX:
                    x = (i.Code & 0xe0) switch
                    {
                        Bpf.IMM => i.K,
                        Bpf.MEM => mem[(int)i.K],
                        Bpf.LEN => 64,
                        _ => throw new InvalidOperationException($"pc {pc}: bad ldx 0x{i.Code:x2}"),
                    };
                    break;
                case Bpf.ST: mem[(int)i.K] = a; break;
                case Bpf.STX: mem[(int)i.K] = x; break;
                case Bpf.ALU:
                    uint operand = (i.Code & Bpf.X) != 0 ? x : i.K;
                    a = (i.Code & 0xf0) switch
                    {
                        Bpf.ADD => a + operand,
                        Bpf.SUB => a - operand,
                        Bpf.MUL => a * operand,
                        Bpf.DIV => operand == 0 ? throw new InvalidOperationException("division by zero") : a / operand,
                        Bpf.MOD => operand == 0 ? throw new InvalidOperationException("division by zero") : a % operand,
                        Bpf.OR => a | operand,
                        Bpf.AND => a & operand,
                        Bpf.XOR => a ^ operand,
                        Bpf.LSH => operand >= 32 ? 0 : a << (int)operand,
                        Bpf.RSH => operand >= 32 ? 0 : a >> (int)operand,
                        Bpf.NEG => (uint)-(int)a,
                        _ => throw new InvalidOperationException($"pc {pc}: bad alu 0x{i.Code:x2}"),
                    };
                    break;
                case Bpf.JMP:
                    uint against = (i.Code & Bpf.X) != 0 ? x : i.K;
                    switch (i.Code & 0xf0)
                    {
                        case Bpf.JA: pc += (int)i.K; break;
                        case Bpf.JEQ: pc += a == against ? i.Jt : i.Jf; break;
                        case Bpf.JGT: pc += a > against ? i.Jt : i.Jf; break;
                        case Bpf.JGE: pc += a >= against ? i.Jt : i.Jf; break;
                        case Bpf.JSET: pc += (a & against) != 0 ? i.Jt : i.Jf; break;
                        default: throw new InvalidOperationException($"pc {pc}: bad jump 0x{i.Code:x2}");
                    }
                    break;
                case Bpf.RET:
                    return (i.Code & 0x18) == Bpf.A ? a : i.K;
                case Bpf.MISC:
                    if ((i.Code & 0xf8) == 0x00) x = a; // TAX
                    else a = x;                         // TXA
                    break;
            }
        }
    }
}
