using Berth.Linux;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Builds a forward-only classic BPF program with symbolic jump targets. Conditional jumps reach 255
/// instructions; a branch that ends up farther is rewritten to fall into a BPF_JA (32-bit offset) placed
/// right after it, repeating until every branch fits.
/// </summary>
sealed class BpfAssembler
{
    public readonly struct Label(int id)
    {
        public int Id { get; } = id;
    }

    struct Node
    {
        public ushort Code;
        public uint K;
        public int True, False;          // label ids for conditional jumps and JA (True), -1 otherwise
        public bool FarTrue, FarFalse;   // branch goes through a trailing JA
        public int Position;             // index of the node's first instruction
    }

    readonly List<Node> nodes = [];
    readonly List<int> labelNode = []; // label id -> index of the node it precedes (nodes.Count = end)

    public int NodeCount => nodes.Count;

    public Label NewLabel()
    {
        labelNode.Add(-1);
        return new Label(labelNode.Count - 1);
    }

    /// <summary>Places <paramref name="label"/> before the next instruction emitted.</summary>
    public void Mark(Label label)
    {
        if (labelNode[label.Id] >= 0)
            throw new InvalidOperationException("BPF label placed twice");
        labelNode[label.Id] = nodes.Count;
    }

    public void Load(uint offset) => Add(Bpf.LD | Bpf.W | Bpf.ABS, offset);
    public void And(uint mask) => Add(Bpf.ALU | Bpf.AND | Bpf.K, mask);
    public void Return(uint value) => Add(Bpf.RET | Bpf.K, value);
    public void Goto(Label target) => nodes.Add(new Node { Code = Bpf.JMP | Bpf.JA, True = target.Id, False = -1 });

    /// <summary>A conditional jump: BPF_JEQ/JGT/JGE/JSET against <paramref name="k"/>.</summary>
    public void Jump(ushort op, uint k, Label ifTrue, Label ifFalse) =>
        nodes.Add(new Node { Code = (ushort)(Bpf.JMP | op | Bpf.K), K = k, True = ifTrue.Id, False = ifFalse.Id });

    void Add(int code, uint k) => nodes.Add(new Node { Code = (ushort)code, K = k, True = -1, False = -1 });

    static bool IsConditional(in Node n) => (n.Code & 0x07) == Bpf.JMP && (n.Code & 0xf0) != Bpf.JA;

    static int Size(in Node n) => 1 + (n.FarTrue ? 1 : 0) + (n.FarFalse ? 1 : 0);

    public SockFilter[] Assemble()
    {
        foreach (int at in labelNode)
            if (at < 0)
                throw new InvalidOperationException("BPF label used but never placed");
        var list = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(nodes);
        int total;
        bool changed;
        do
        {
            total = 0;
            for (int i = 0; i < list.Length; i++)
            {
                list[i].Position = total;
                total += Size(list[i]);
            }
            changed = false;
            for (int i = 0; i < list.Length; i++)
            {
                ref Node n = ref list[i];
                if (!IsConditional(n))
                    continue;
                if (!n.FarTrue && Distance(n.Position, n.True, total) > byte.MaxValue)
                    n.FarTrue = changed = true;
                if (!n.FarFalse && Distance(n.Position, n.False, total) > byte.MaxValue)
                    n.FarFalse = changed = true;
            }
        } while (changed);

        var program = new SockFilter[total];
        int pc = 0;
        foreach (ref readonly Node n in list)
        {
            if ((n.Code & 0x07) != Bpf.JMP)
            {
                program[pc++] = new SockFilter(n.Code, 0, 0, n.K);
                continue;
            }
            if (!IsConditional(n))
            {
                program[pc] = new SockFilter(n.Code, 0, 0, (uint)Distance(pc, n.True, total));
                pc++;
                continue;
            }
            // Layout: jcc [; ja True] [; ja False]. Near offsets count from the jcc itself.
            int at = pc;
            int trampoline = at + 1;
            byte jt, jf;
            if (n.FarTrue)
            {
                jt = (byte)(trampoline - at - 1);
                program[trampoline] = new SockFilter(Bpf.JMP | Bpf.JA, 0, 0, (uint)Distance(trampoline, n.True, total));
                trampoline++;
            }
            else
                jt = (byte)Distance(at, n.True, total);
            if (n.FarFalse)
            {
                jf = (byte)(trampoline - at - 1);
                program[trampoline] = new SockFilter(Bpf.JMP | Bpf.JA, 0, 0, (uint)Distance(trampoline, n.False, total));
                trampoline++;
            }
            else
                jf = (byte)Distance(at, n.False, total);
            program[at] = new SockFilter(n.Code, jt, jf, n.K);
            pc = trampoline;
        }
        return program;
    }

    /// <summary>Instructions skipped when jumping from the instruction at <paramref name="from"/> to a label.</summary>
    int Distance(int from, int label, int total)
    {
        int node = labelNode[label];
        int target = node == nodes.Count ? total : nodes[node].Position;
        int d = target - from - 1;
        if (d < 0)
            throw new InvalidOperationException("BPF jumps must go forward");
        return d;
    }
}
