namespace Berth.Linux;

/// <summary>Classic BPF opcodes (linux/bpf_common.h, linux/filter.h) used by seccomp filters.</summary>
public static class Bpf
{
    // instruction classes
    public const ushort LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04, JMP = 0x05, RET = 0x06, MISC = 0x07;
    // ld/ldx fields
    public const ushort W = 0x00, H = 0x08, B = 0x10, IMM = 0x00, ABS = 0x20, IND = 0x40, MEM = 0x60, LEN = 0x80;
    // alu/jmp fields
    public const ushort ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50, LSH = 0x60, RSH = 0x70,
        NEG = 0x80, MOD = 0x90, XOR = 0xa0;
    public const ushort JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40;
    public const ushort K = 0x00, X = 0x08;
    // ret
    public const ushort A = 0x10;

    /// <summary>BPF_MAXINSNS: the longest program the kernel accepts.</summary>
    public const int MaxInstructions = 4096;

    public static SockFilter Stmt(ushort code, uint k) => new(code, 0, 0, k);
    public static SockFilter Jump(ushort code, uint k, byte jt, byte jf) => new(code, jt, jf, k);
}
