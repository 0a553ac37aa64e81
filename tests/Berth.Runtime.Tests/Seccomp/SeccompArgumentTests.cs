using Berth.Linux;
using Berth.Runtime.Seccomp;
using static Berth.Runtime.Tests.Seccomp.SeccompSpecs;

namespace Berth.Runtime.Tests.Seccomp;

public class SeccompArgumentTests
{
    static readonly string[] Ops =
        ["SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT"];

    /// <summary>Rule values around the 32-bit boundary, and arguments around each of them.</summary>
    static readonly ulong[] Values = [0, 5, 0xffffffff, 0x1_0000_0000, 0x1_0000_0005, 0xffff_ffff_0000_0000, ulong.MaxValue];

    static IEnumerable<ulong> Around(ulong v)
    {
        foreach (ulong d in new ulong[] { 0, 1, 2, 0x1_0000_0000 })
        {
            yield return v + d;
            yield return v - d;
        }
        yield return (uint)v;                 // same low word, high word cleared
        yield return v | 0x8000_0000_0000_0000; // same low word, high word bigger
        yield return v ^ 0x0000_0001_0000_0000; // high word differs by one
    }

    public static TheoryData<string> OpNames() => [.. Ops];

    [Theory]
    [MemberData(nameof(OpNames))]
    public void ComparisonsAreUnsigned64BitOnX86_64(string op)
    {
        foreach (ulong value in Values)
        {
            var spec = Profile("SCMP_ACT_ALLOW", Errno(7, "lseek").With(Arg(1, op, value)));
            var program = Compile(spec);
            foreach (ulong arg in Around(value))
            {
                bool expected = SeccompOracle.Holds(Arg(1, op, value), [0, arg], is64: true);
                uint verdict = program.Verdict(SeccompArch.X86_64, "lseek", 3, arg, 0);
                Assert.True((expected ? Errno(7) : SeccompRet.Allow) == verdict,
                    $"{op} 0x{value:x}: arg 0x{arg:x} gave {Describe(verdict)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(OpNames))]
    public void ComparisonsAreUnsigned64BitOnAarch64(string op)
    {
        // Same semantics on the other 64-bit ABI, with the filter compiled for an arm64 host.
        foreach (ulong value in Values)
        {
            var program = Compile(Profile("SCMP_ACT_ALLOW", Errno(7, "lseek").With(Arg(2, op, value))), SeccompArch.Aarch64);
            foreach (ulong arg in Around(value))
            {
                bool expected = SeccompOracle.Holds(Arg(2, op, value), [0, 0, arg], is64: true);
                Assert.Equal(expected ? Errno(7) : SeccompRet.Allow, program.Verdict(SeccompArch.Aarch64, "lseek", 0, 0, arg));
            }
        }
    }

    [Theory]
    [InlineData(0x00000000_000000ffUL, 0x00000000_00000012UL)]
    [InlineData(0xff000000_00000000UL, 0x12000000_00000000UL)]
    [InlineData(0xff00ff00_00ff00ffUL, 0x12003400_00560078UL)]
    [InlineData(0x00000000_7e020000UL, 0UL)] // Docker's CLONE_NEW* mask
    [InlineData(0UL, 0UL)]                   // always true
    [InlineData(0x0fUL, 0xf3UL)]             // datum bits outside the mask are masked off, as libseccomp does
    public void MaskedEqualOnBothWords(ulong mask, ulong datum)
    {
        var program = Compile(Profile("SCMP_ACT_ALLOW", Errno(9, "clone").With(Arg(0, "SCMP_CMP_MASKED_EQ", mask, datum))));
        ulong[] args = [0, datum, datum | ~mask, datum ^ 1, datum ^ 0x1_0000_0000, datum ^ 0x8000_0000_0000_0000,
            ulong.MaxValue, 0x10000000, mask, ~datum];
        foreach (ulong arg in args)
        {
            bool expected = (arg & mask) == (datum & mask);
            Assert.True((expected ? Errno(9) : SeccompRet.Allow) == program.Verdict(SeccompArch.X86_64, "clone", arg),
                $"mask 0x{mask:x} datum 0x{datum:x} arg 0x{arg:x}");
        }
    }

    [Fact]
    public void HighWordDecidesEquality()
    {
        var program = Compile(Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", "personality").With(Arg(0, "SCMP_CMP_EQ", 0xffffffff))));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "personality", 0xffffffff));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "personality", 0xffff_ffff_ffff_ffff));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "personality", 0x1_ffff_ffff));
    }

    [Fact]
    public void ThirtyTwoBitAbisCompareTheLowWordOnly()
    {
        var spec = Profile("SCMP_ACT_ALLOW", Errno(4, "lseek").With(Arg(1, "SCMP_CMP_EQ", 0x7_0000_0005)));
        spec.Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];
        var program = Compile(spec);
        // libseccomp truncates the rule's value to 32 bits on x86 and x32.
        Assert.Equal(Errno(4), program.Verdict(SeccompArch.X86, "lseek", 0, 5));
        Assert.Equal(Errno(4), program.Verdict(SeccompArch.X32, "lseek", 0, 5));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86, "lseek", 0, 6));
        // x86_64 compares all 64 bits.
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "lseek", 0, 5));
        Assert.Equal(Errno(4), program.Verdict(SeccompArch.X86_64, "lseek", 0, 0x7_0000_0005));
    }

    [Fact]
    public void ArgumentsOfOneRuleAreAnded()
    {
        var program = Compile(Profile("SCMP_ACT_ALLOW",
            Errno(3, "mmap").With(Arg(0, "SCMP_CMP_EQ", 0), Arg(2, "SCMP_CMP_MASKED_EQ", 4, 4), Arg(5, "SCMP_CMP_GT", 10))));
        Assert.Equal(Errno(3), program.Verdict(SeccompArch.X86_64, "mmap", 0, 4096, 7, 0, 0, 11));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "mmap", 1, 4096, 7, 0, 0, 11));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "mmap", 0, 4096, 3, 0, 0, 11));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "mmap", 0, 4096, 7, 0, 0, 10));
    }

    [Fact]
    public void RulesOfOneSyscallAreOredFirstMatchWins()
    {
        var program = Compile(Profile("SCMP_ACT_ALLOW",
            Errno(11, "kill").With(Arg(0, "SCMP_CMP_EQ", 1)),
            Errno(22, "kill").With(Arg(1, "SCMP_CMP_EQ", 9)),
            Errno(33, "kill")));
        Assert.Equal(Errno(11), program.Verdict(SeccompArch.X86_64, "kill", 1, 9));
        Assert.Equal(Errno(22), program.Verdict(SeccompArch.X86_64, "kill", 2, 9));
        Assert.Equal(Errno(33), program.Verdict(SeccompArch.X86_64, "kill", 2, 15));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "tkill", 1, 9));
    }

    [Fact]
    public void UnmatchedArgumentsFallBackToTheDefault()
    {
        var program = Compile(Profile("SCMP_ACT_ERRNO",
            Rule("SCMP_ACT_ALLOW", "socket").With(Arg(0, "SCMP_CMP_NE", 16)),
            Rule("SCMP_ACT_ALLOW", "read")));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "socket", 2));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "socket", 16));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
    }
}
