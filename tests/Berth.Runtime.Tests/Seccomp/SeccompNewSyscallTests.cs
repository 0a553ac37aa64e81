using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Seccomp;
using static Berth.Runtime.Tests.Seccomp.SeccompSpecs;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>
/// System calls newer than the linux-libc-dev headers: the generator's supplement, and runc's safety net that
/// answers numbers above the tables with ENOSYS under a denying default action.
/// </summary>
public class SeccompNewSyscallTests
{
    const uint Enosys = SeccompRet.Errno | 38;

    static LinuxSeccomp AllowRead(string defaultAction, params string[] arches)
    {
        var spec = Profile(defaultAction, Rule(defaultAction == "SCMP_ACT_ALLOW" ? "SCMP_ACT_KILL_PROCESS" : "SCMP_ACT_ALLOW", "read"));
        spec.Architectures = [.. arches];
        return spec;
    }

    static int X32(int nr) => unchecked((int)(SeccompArchitectures.X32SyscallBit | (uint)nr));

    [Fact]
    public void SupplementNamesResolveOnEveryAbiThatHasThem()
    {
        foreach (var (name, nr) in new[] { ("cachestat", 451), ("fchmodat2", 452), ("map_shadow_stack", 453), ("futex_wait", 455),
                     ("listmount", 458), ("mseal", 462), ("removexattrat", 466), ("file_setattr", 469) })
        {
            Assert.Equal(nr, SeccompArchitectures.SyscallNumber(SeccompArch.X86_64, name));
            Assert.Equal(nr, SeccompArchitectures.SyscallNumber(SeccompArch.X86, name));
            Assert.Equal(X32(nr), SeccompArchitectures.SyscallNumber(SeccompArch.X32, name));
            Assert.Equal(nr, SeccompArchitectures.SyscallNumber(SeccompArch.Aarch64, name));
        }
        // uretprobe is "common" in syscall_64.tbl (x86_64 and x32) and exists nowhere else.
        Assert.Equal(335, SeccompArchitectures.SyscallNumber(SeccompArch.X86_64, "uretprobe"));
        Assert.Equal(X32(335), SeccompArchitectures.SyscallNumber(SeccompArch.X32, "uretprobe"));
        Assert.Equal(-1, SeccompArchitectures.SyscallNumber(SeccompArch.X86, "uretprobe"));
        Assert.Equal(-1, SeccompArchitectures.SyscallNumber(SeccompArch.Aarch64, "uretprobe"));
        // The headers still provide what they know.
        Assert.Equal(450, SeccompArchitectures.SyscallNumber(SeccompArch.X86_64, "set_mempolicy_home_node"));
    }

    [Fact]
    public void TablesKnowTheirHighestNumbers()
    {
        Assert.Equal(469u, SeccompArchitectures.MaxSyscall(SeccompArch.X86_64));
        Assert.Equal(469u, SeccompArchitectures.MaxSyscall(SeccompArch.X86));
        Assert.Equal(469u, SeccompArchitectures.MaxSyscall(SeccompArch.Aarch64));
        Assert.Equal(SeccompArchitectures.X32SyscallBit | 547, SeccompArchitectures.MaxSyscall(SeccompArch.X32)); // x32 pwritev2
    }

    [Theory]
    [InlineData("SCMP_ACT_ERRNO")]
    [InlineData("SCMP_ACT_KILL")]
    [InlineData("SCMP_ACT_KILL_PROCESS")]
    [InlineData("SCMP_ACT_TRAP")]
    public void NumbersAboveTheTableGetEnosysUnderADenyingDefault(string defaultAction)
    {
        var spec = AllowRead(defaultAction, "SCMP_ARCH_X86_64", "SCMP_ARCH_X86");
        var program = Compile(spec);
        uint def = program.Verdict(SeccompArch.X86_64, "write");
        Assert.NotEqual(Enosys, def);
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
        Assert.Equal(def, program.Verdict(X86_64, 469));                 // the highest known number: the default
        Assert.Equal(Enosys, program.Verdict(X86_64, 470));
        Assert.Equal(Enosys, program.Verdict(X86_64, 0x3fffffff));
        Assert.Equal(def, program.Verdict(X86_64, 400));                 // a hole below the top: the default
        Assert.Equal(def, program.Verdict(X86_64, -1));                  // -1 is no system call
        Assert.Equal(def, program.Verdict(I386, 469));
        Assert.Equal(Enosys, program.Verdict(I386, 470));
        Assert.Equal(def, program.Verdict(I386, -1));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(Aarch64, 470)); // bad arch comes first
    }

    [Fact]
    public void ErrnoDefaultWithItsOwnErrnoStillGivesEnosys()
    {
        var spec = AllowRead("SCMP_ACT_ERRNO");
        spec.DefaultErrnoRet = 13;
        var program = Compile(spec);
        Assert.Equal(Errno(13), program.Verdict(SeccompArch.X86_64, "write"));
        Assert.Equal(Enosys, program.Verdict(X86_64, 1000));
    }

    [Theory]
    [InlineData("SCMP_ACT_ALLOW", SeccompRet.Allow)]
    [InlineData("SCMP_ACT_LOG", SeccompRet.Log)]
    [InlineData("SCMP_ACT_TRACE", SeccompRet.Trace | 1)]
    public void PermissiveDefaultsKeepTheDefault(string defaultAction, uint expected)
    {
        var program = Compile(AllowRead(defaultAction, "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"));
        Assert.Equal(expected, program.Verdict(X86_64, 470));
        Assert.Equal(expected, program.Verdict(I386, 1000));
        Assert.Equal(expected, program.Verdict(X86_64, X32(1000)));
        Assert.DoesNotContain(program.Instructions, i => i.Code == (Bpf.RET | Bpf.K) && i.K == Enosys);
    }

    [Fact]
    public void OneCompareOnTheKnownPath()
    {
        var program = Compile(AllowRead("SCMP_ACT_ERRNO"));
        // ld arch; jeq X86_64; ret BAD_ARCH; ld nr; jgt X86_64Max (folds in the x32 check) ...
        Assert.Equal(new SockFilter(Bpf.LD | Bpf.W | Bpf.ABS, 0, 0, 0), program.Instructions[3]);
        Assert.Equal((ushort)(Bpf.JMP | Bpf.JGT | Bpf.K), program.Instructions[4].Code);
        Assert.Equal(SeccompArchitectures.MaxSyscall(SeccompArch.X86_64), program.Instructions[4].K);
        // Higher numbers fall into the next block; known ones jump over it (jge bit; jeq -1; ret BAD; ret ENOSYS).
        Assert.Equal(0, program.Instructions[4].Jt);
        Assert.Equal(4, program.Instructions[4].Jf);
        Assert.Single(program.Instructions, i => i.Code == (Bpf.RET | Bpf.K) && i.K == Enosys);
    }

    [Fact]
    public void X32NumbersAreStillBadArchWhenOnlyX86_64IsListed()
    {
        var program = Compile(AllowRead("SCMP_ACT_ERRNO", "SCMP_ARCH_X86_64"));
        Assert.Equal(Enosys, program.Verdict(X86_64, 470));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(X86_64, X32(0)));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(X86_64, X32(1000)));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(X86_64, 0x7fffffff));
        Assert.Equal(Errno(1), program.Verdict(X86_64, -1));
    }

    [Fact]
    public void X32NumbersAreComparedWithTheX32Table()
    {
        var program = Compile(AllowRead("SCMP_ACT_ERRNO", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32"));
        uint max = SeccompArchitectures.MaxSyscall(SeccompArch.X32);
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X32, "read"));
        Assert.Equal(Errno(1), program.Verdict(X86_64, unchecked((int)max)));           // x32 pwritev2: known, default
        Assert.Equal(Enosys, program.Verdict(X86_64, unchecked((int)max + 1)));
        Assert.Equal(Enosys, program.Verdict(X86_64, 0x7fffffff));
        // x32 numbers 470-511 lie below the legacy 512-547 range, hence below the x32 maximum: the default.
        Assert.Equal(Errno(1), program.Verdict(X86_64, X32(470)));
        // x86_64 numbers above the x86_64 table are still caught although x32 numbers are higher.
        Assert.Equal(Enosys, program.Verdict(X86_64, 470));
        Assert.Equal(Errno(1), program.Verdict(X86_64, -1));
    }

    [Fact]
    public void X32WithoutX86_64OnAnArm64Host()
    {
        // The native ABI is always in the filter, so an x32-only section needs another host.
        var program = Compile(AllowRead("SCMP_ACT_ERRNO", "SCMP_ARCH_X32"), SeccompArch.Aarch64);
        uint max = SeccompArchitectures.MaxSyscall(SeccompArch.X32);
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X32, "read"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X32, "write"));
        Assert.Equal(Enosys, program.Verdict(X86_64, unchecked((int)max + 1)));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(X86_64, 0));     // x86_64 read: not listed
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(X86_64, 470));
        Assert.Equal(Errno(1), program.Verdict(X86_64, -1));
        Assert.Equal(SeccompRet.Allow, program.Verdict(Aarch64, 63));
        Assert.Equal(Enosys, program.Verdict(Aarch64, 470));
    }

    [Fact]
    public void RulesOnSupplementSyscallsApply()
    {
        var spec = Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", "fchmodat2", "uretprobe"), Errno(22, "mseal"));
        spec.Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];
        var program = SeccompCompiler.Compile(spec, SeccompArch.X86_64, out var warnings);
        Assert.Empty(warnings);
        foreach (var abi in new[] { SeccompArch.X86_64, SeccompArch.X86, SeccompArch.X32 })
        {
            Assert.Equal(SeccompRet.Allow, program.Verdict(abi, "fchmodat2"));
            Assert.Equal(Errno(22), program.Verdict(abi, "mseal"));
            Assert.Equal(Errno(1), program.Verdict(abi, "cachestat"));
        }
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "uretprobe"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X32, "uretprobe"));
        Assert.Equal(Errno(1), program.Verdict(I386, 335)); // i386 335 is rt_tgsigqueueinfo
    }
}
