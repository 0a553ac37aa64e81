using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime.Seccomp;

/// <summary>SCMP_CMP_* operators.</summary>
enum SeccompOp
{
    NotEqual,
    Less,
    LessOrEqual,
    Equal,
    GreaterOrEqual,
    Greater,
    MaskedEqual,
}

/// <summary>
/// One argument test of a rule: args[Index] Op Value (MaskedEqual: (args[Index] &amp; Mask) == Value);
/// <see cref="LowWordOnly"/> on 32-bit ABIs, where libseccomp compares only the low 32 bits.
/// </summary>
readonly record struct SeccompCondition(int Index, SeccompOp Op, ulong Value, ulong Mask, bool LowWordOnly = false)
{
    public const int MaxIndex = 5;

    public static SeccompCondition Parse(LinuxSeccompArg arg, string where)
    {
        if (arg.Index > MaxIndex)
            throw BerthException.Invalid($"{where}: argument index {arg.Index} is out of range (0-{MaxIndex})");
        var op = arg.Op switch
        {
            "SCMP_CMP_NE" => SeccompOp.NotEqual,
            "SCMP_CMP_LT" => SeccompOp.Less,
            "SCMP_CMP_LE" => SeccompOp.LessOrEqual,
            "SCMP_CMP_EQ" => SeccompOp.Equal,
            "SCMP_CMP_GE" => SeccompOp.GreaterOrEqual,
            "SCMP_CMP_GT" => SeccompOp.Greater,
            "SCMP_CMP_MASKED_EQ" => SeccompOp.MaskedEqual,
            _ => throw BerthException.Invalid($"{where}: unknown seccomp operator \"{arg.Op}\""),
        };
        // As runc passes them to libseccomp: MASKED_EQ takes the mask in value and the datum in valueTwo,
        // and libseccomp masks the datum too.
        return op == SeccompOp.MaskedEqual
            ? new SeccompCondition((int)arg.Index, op, arg.ValueTwo & arg.Value, arg.Value)
            : new SeccompCondition((int)arg.Index, op, arg.Value, ulong.MaxValue);
    }

    /// <summary>The condition as a 32-bit ABI sees it: libseccomp compares only the low word there.</summary>
    public SeccompCondition Truncated() => this with { Value = (uint)Value, Mask = (uint)Mask, LowWordOnly = true };
}
