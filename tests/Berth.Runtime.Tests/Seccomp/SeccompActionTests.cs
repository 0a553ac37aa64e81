using Berth.Core;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Seccomp;
using static Berth.Runtime.Tests.Seccomp.SeccompSpecs;

namespace Berth.Runtime.Tests.Seccomp;

public class SeccompActionTests
{
    [Fact]
    public void DefaultActionAppliesToEverySyscallOfTheNativeArch()
    {
        var program = Compile(Profile("SCMP_ACT_ALLOW"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(X86_64, 9999));
    }

    [Fact]
    public void AllowListWithErrnoDefault()
    {
        var program = Compile(Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", "read", "write", "exit_group")));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "exit_group"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "openat"));
    }

    [Fact]
    public void DefaultErrnoRetSetsTheDefaultErrno()
    {
        var spec = Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", "read"));
        spec.DefaultErrnoRet = 38;
        Assert.Equal(Errno(38), Compile(spec).Verdict(SeccompArch.X86_64, "mount"));
    }

    [Theory]
    [InlineData("SCMP_ACT_KILL", null, SeccompRet.KillThread)]
    [InlineData("SCMP_ACT_KILL_THREAD", null, SeccompRet.KillThread)]
    [InlineData("SCMP_ACT_KILL_PROCESS", null, SeccompRet.KillProcess)]
    [InlineData("SCMP_ACT_TRAP", null, SeccompRet.Trap)]
    [InlineData("SCMP_ACT_ERRNO", null, SeccompRet.Errno | 1)]
    [InlineData("SCMP_ACT_ERRNO", 13u, SeccompRet.Errno | 13)]
    [InlineData("SCMP_ACT_TRACE", null, SeccompRet.Trace | 1)]
    [InlineData("SCMP_ACT_TRACE", 42u, SeccompRet.Trace | 42)]
    [InlineData("SCMP_ACT_LOG", null, SeccompRet.Log)]
    public void EachActionMapsToItsReturnValue(string action, uint? errnoRet, uint expected)
    {
        var rule = Rule(action, "mkdir");
        rule.ErrnoRet = errnoRet;
        var program = Compile(Profile("SCMP_ACT_ALLOW", rule));
        Assert.Equal(expected, program.Verdict(SeccompArch.X86_64, "mkdir"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "rmdir"));
    }

    [Fact]
    public void AllowRuleUnderKillDefault()
    {
        var program = Compile(Profile("SCMP_ACT_KILL_PROCESS", Rule("SCMP_ACT_ALLOW", "getpid")));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "getpid"));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(SeccompArch.X86_64, "getppid"));
    }

    [Fact]
    public void RuleWithTheDefaultActionIsDropped()
    {
        var with = Compile(Profile("SCMP_ACT_ERRNO",
            Rule("SCMP_ACT_ALLOW", "read"),
            Rule("SCMP_ACT_ERRNO", "write").With(Arg(0, "SCMP_CMP_EQ", 1)),
            Rule("SCMP_ACT_ERRNO", "mount")));
        var without = Compile(Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", "read")));
        Assert.Equal(without.Instructions, with.Instructions);
    }

    [Fact]
    public void ErrnoRuleWithAnotherErrnoThanTheDefaultIsKept()
    {
        var program = Compile(Profile("SCMP_ACT_ERRNO", Errno(38, "clone3")));
        Assert.Equal(Errno(38), program.Verdict(SeccompArch.X86_64, "clone3"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "clone"));
    }

    [Fact]
    public void FirstUnconditionalRuleForASyscallWins()
    {
        var program = Compile(Profile("SCMP_ACT_ALLOW", Errno(5, "chmod"), Errno(6, "chmod")));
        Assert.Equal(Errno(5), program.Verdict(SeccompArch.X86_64, "chmod"));
    }

    [Fact]
    public void FlagsArePassedThrough()
    {
        var spec = Profile("SCMP_ACT_ALLOW");
        spec.Flags = ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_LOG"];
        Assert.Equal(SeccompFilter.FlagTsync | SeccompFilter.FlagSpecAllow | SeccompFilter.FlagLog, Compile(spec).Flags);
        Assert.Equal(0u, Compile(Profile("SCMP_ACT_ALLOW")).Flags);
    }

    [Fact]
    public void UnknownNamesAreSkippedWithOneWarningEach()
    {
        var spec = Profile("SCMP_ACT_ERRNO",
            Rule("SCMP_ACT_ALLOW", "read", "no_such_call", "another_fake"),
            Rule("SCMP_ACT_ALLOW", "no_such_call"));
        var program = SeccompCompiler.Compile(spec, SeccompArch.X86_64, out var warnings);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("\"no_such_call\""));
        Assert.Contains(warnings, w => w.Contains("\"another_fake\""));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
    }

    [Fact]
    public void NamesOfOtherArchitecturesAreSkippedSilently()
    {
        // socketcall exists on i386 only; the filter lists x86_64 alone.
        SeccompCompiler.Compile(Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", "socketcall", "read")),
            SeccompArch.X86_64, out var warnings);
        Assert.Empty(warnings);
    }

    [Fact]
    public void NotifyIsRejected()
    {
        var e = Assert.Throws<BerthException>(() => Compile(Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_NOTIFY", "mount"))));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("SCMP_ACT_NOTIFY is not supported", e.Message);
        Assert.Contains("syscalls[0]", e.Message);
    }

    [Fact]
    public void NotifyAsDefaultIsRejected()
    {
        var e = Assert.Throws<BerthException>(() => Compile(Profile("SCMP_ACT_NOTIFY")));
        Assert.Contains("not supported", e.Message);
    }

    [Fact]
    public void UnknownActionIsRejectedByName()
    {
        var e = Assert.Throws<BerthException>(() =>
            Compile(Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_ALLOW", "read"), Rule("SCMP_ACT_EXPLODE", "write"))));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("\"SCMP_ACT_EXPLODE\"", e.Message);
        Assert.Contains("syscalls[1]", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    public static TheoryData<string, LinuxSeccomp> InvalidSpecs() => new()
    {
        { "defaultAction", new LinuxSeccomp() },
        { "unknown seccomp action \"allow\"", Profile("allow") },
        { "errnoRet is only valid", new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Syscalls = [new() { Action = "SCMP_ACT_KILL", ErrnoRet = 1, Names = ["read"] }] } },
        { "defaultErrnoRet is only valid", new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", DefaultErrnoRet = 1 } },
        { "does not fit in 16 bits", Profile("SCMP_ACT_ALLOW", Errno(70000, "read")) },
        { "names must list", Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_ERRNO")) },
        { "argument index 6", Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_ERRNO", "read").With(Arg(6, "SCMP_CMP_EQ", 1))) },
        { "unknown seccomp operator \"SCMP_CMP_XX\"", Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_ERRNO", "read").With(Arg(0, "SCMP_CMP_XX", 1))) },
        { "unknown architecture \"SCMP_ARCH_VAX\"", new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Architectures = ["SCMP_ARCH_VAX"] } },
        { "unknown flag \"SECCOMP_FILTER_FLAG_FAST\"", new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Flags = ["SECCOMP_FILTER_FLAG_FAST"] } },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void InvalidSpecsFailWithOneLineInvalidArgument(string expected, LinuxSeccomp spec)
    {
        var e = Assert.Throws<BerthException>(() => Compile(spec));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("seccomp: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TooLongProgramIsAClearError()
    {
        // 200 rules of six 64-bit equality tests each: about 5000 instructions.
        var rules = Enumerable.Range(0, 200).Select(i => Rule("SCMP_ACT_ALLOW", "ioctl").With(
            Arg(0, "SCMP_CMP_EQ", (ulong)i), Arg(1, "SCMP_CMP_EQ", 2), Arg(2, "SCMP_CMP_EQ", 3),
            Arg(3, "SCMP_CMP_EQ", 4), Arg(4, "SCMP_CMP_EQ", 5), Arg(5, "SCMP_CMP_EQ", 6))).ToArray();
        var e = Assert.Throws<BerthException>(() => Compile(Profile("SCMP_ACT_ERRNO", rules)));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("limit of 4096", e.Message);
    }
}
