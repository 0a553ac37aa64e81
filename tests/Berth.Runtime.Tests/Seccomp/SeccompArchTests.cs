using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Seccomp;
using static Berth.Runtime.Tests.Seccomp.SeccompSpecs;

namespace Berth.Runtime.Tests.Seccomp;

public class SeccompArchTests
{
    static LinuxSeccomp AllowRead(params string[] arches)
    {
        var spec = Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", "read", "socketcall"));
        spec.Architectures = [.. arches];
        return spec;
    }

    [Fact]
    public void UnlistedArchitecturesAreKilled()
    {
        var program = Compile(AllowRead());
        Assert.Equal(SeccompRet.Allow, program.Verdict(X86_64, 0));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(I386, 3));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(Aarch64, 63));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(0x12345678, 0));
        Assert.Equal(SeccompCompiler.BadArchAction, program.Verdict(I386, 3));
    }

    [Fact]
    public void NativeArchIsAlwaysIncluded()
    {
        var program = Compile(AllowRead("SCMP_ARCH_X86"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86, "read"));
    }

    [Fact]
    public void X86AndX86_64UseTheirOwnNumbers()
    {
        var program = Compile(AllowRead("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(X86_64, 0));  // x86_64 read
        Assert.Equal(SeccompRet.Allow, program.Verdict(I386, 3));    // i386 read
        Assert.Equal(Errno(1), program.Verdict(I386, 0));            // i386 restart_syscall
        Assert.Equal(Errno(1), program.Verdict(X86_64, 3));          // x86_64 close
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86, "socketcall"));
    }

    [Fact]
    public void X32SyscallsAreBadArchUnlessX32IsListed()
    {
        var program = Compile(AllowRead("SCMP_ARCH_X86_64"));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(X86_64, unchecked((int)SeccompArchitectures.X32SyscallBit)));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(X86_64, 0x40000200));
        // -1 (a tracer skipping the call) is not an x32 call: it gets the default action.
        Assert.Equal(Errno(1), program.Verdict(X86_64, -1));
    }

    [Fact]
    public void X32IsDistinguishedByTheSyscallBit()
    {
        var program = Compile(AllowRead("SCMP_ARCH_X86_64", "SCMP_ARCH_X32"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X32, "read"));
        Assert.Equal(0x40000000, SeccompArchitectures.SyscallNumber(SeccompArch.X32, "read"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X32, "write"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "write"));
    }

    [Fact]
    public void Aarch64HostUsesTheGenericTable()
    {
        var program = Compile(AllowRead("SCMP_ARCH_AARCH64"), SeccompArch.Aarch64);
        Assert.Equal(63, SeccompArchitectures.SyscallNumber(SeccompArch.Aarch64, "read"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(Aarch64, 63));
        Assert.Equal(Errno(1), program.Verdict(Aarch64, 64));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(X86_64, 0));
    }

    [Fact]
    public void ArchitecturesWithoutATableAreWarnedAndLeftOut()
    {
        var program = SeccompCompiler.Compile(AllowRead("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"), SeccompArch.Aarch64, out var warnings);
        Assert.Contains(warnings, w => w.Contains("SCMP_ARCH_ARM"));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(0x40000028, 3)); // AUDIT_ARCH_ARM
    }

    [Fact]
    public void DuplicateArchitecturesAreHarmless()
    {
        var once = Compile(AllowRead("SCMP_ARCH_X86"));
        var twice = Compile(AllowRead("SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X86"));
        Assert.Equal(once.Instructions, twice.Instructions);
    }

    [Fact]
    public void ProgramStartsWithTheArchitectureLoad()
    {
        var program = Compile(AllowRead());
        Assert.Equal(new SockFilter(Bpf.LD | Bpf.W | Bpf.ABS, 0, 0, 4), program.Instructions[0]);
        Assert.Equal(Bpf.RET, program.Instructions[^1].Code & 0x07);
    }
}
