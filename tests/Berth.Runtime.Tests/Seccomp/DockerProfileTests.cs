using Berth.Linux;
using Berth.Runtime.Seccomp;
using Xunit.Abstractions;
using static Berth.Runtime.Tests.Seccomp.SeccompSpecs;

namespace Berth.Runtime.Tests.Seccomp;

public class DockerProfileTests(ITestOutputHelper output)
{
    const ulong CloneNewUser = 0x10000000, Sigchld = 17;

    [DockerProfileFact]
    public void CompilesWellUnderTheKernelLimit()
    {
        var spec = DockerProfile.LoadForAmd64();
        var program = SeccompCompiler.Compile(spec, SeccompArch.X86_64, out var warnings);
        output.WriteLine($"{spec.Syscalls!.Count} rules, {spec.Syscalls.Sum(s => s.Names.Count)} names -> {program.Instructions.Length} instructions");
        foreach (var w in warnings)
            output.WriteLine(w);
        Assert.InRange(program.Instructions.Length, 300, 2048);
        BpfInterpreter.Validate(program.Instructions);
    }

    /// <summary>Names in the profile's amd64 rules that exist on none of Berth's ABIs (x86_64, x86, x32, aarch64).</summary>
    static readonly string[] NamesOnNoSupportedAbi = ["recv", "riscv_hwprobe", "send"];

    [DockerProfileFact]
    public void EveryNameResolvesExceptThoseOfOtherArchitectures()
    {
        SeccompCompiler.Compile(DockerProfile.LoadForAmd64(), SeccompArch.X86_64, out var warnings);
        foreach (var w in warnings)
            output.WriteLine(w);
        var unknown = warnings.Select(w => System.Text.RegularExpressions.Regex.Match(w, "^seccomp: unknown system call \"(\\w+)\" skipped$"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Order().ToArray();
        Assert.Equal(NamesOnNoSupportedAbi, unknown);
        Assert.Equal(warnings.Count, unknown.Length); // no other warning either
        foreach (string name in NamesOnNoSupportedAbi)
            Assert.False(SeccompArchitectures.IsKnownSyscall(name));
    }

    [DockerProfileFact]
    public void AllowsTheSyscallsNewerThanTheHeaders()
    {
        var program = Compile(DockerProfile.LoadForAmd64());
        foreach (var abi in new[] { SeccompArch.X86_64, SeccompArch.X86, SeccompArch.X32 })
        {
            Assert.Equal(SeccompRet.Allow, program.Verdict(abi, "fchmodat2"));  // glibc's fchmodat(AT_SYMLINK_NOFOLLOW)
            Assert.Equal(SeccompRet.Allow, program.Verdict(abi, "mseal"));
            Assert.Equal(SeccompRet.Allow, program.Verdict(abi, "cachestat"));
            Assert.Equal(SeccompRet.Allow, program.Verdict(abi, "futex_wait"));
            Assert.Equal(SeccompRet.Allow, program.Verdict(abi, "map_shadow_stack"));
            Assert.Equal(SeccompRet.Allow, program.Verdict(abi, "listmount"));
            Assert.Equal(SeccompRet.Allow, program.Verdict(abi, "getxattrat"));
            Assert.Equal(Errno(38), program.Verdict(abi, "clone3"));
        }
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "uretprobe"));
        // Known but not in the profile: the profile's default.
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "file_getattr"));
    }

    [DockerProfileFact]
    public void SyscallsNewerThanTheTablesGetEnosys()
    {
        var program = Compile(DockerProfile.LoadForAmd64());
        Assert.Equal(Errno(38), program.Verdict(X86_64, 470));
        Assert.Equal(Errno(38), program.Verdict(X86_64, 0x3fffffff));
        Assert.Equal(Errno(38), program.Verdict(I386, 470));
        Assert.Equal(Errno(38), program.Verdict(X86_64, unchecked((int)(SeccompArchitectures.MaxSyscall(SeccompArch.X32) + 1))));
        Assert.Equal(Errno(1), program.Verdict(X86_64, -1));
        Assert.Equal(Errno(1), program.Verdict(X86_64, 400));   // unused x86_64 number below the top: the default
    }

    [DockerProfileFact]
    public void GivesDockersVerdicts()
    {
        var program = Compile(DockerProfile.LoadForAmd64());
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "openat"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "arch_prctl"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "chroot"));   // CAP_SYS_CHROOT is a default cap
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "ptrace"));   // minKernel 4.8
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "kexec_load"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "mount"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "unshare"));
        Assert.Equal(Errno(38), program.Verdict(SeccompArch.X86_64, "clone3"));          // ENOSYS so libc falls back to clone

        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "personality", 0));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "personality", 0xffffffff));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "personality", 0x0040000)); // ADDR_NO_RANDOMIZE

        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "clone", Sigchld));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "clone", Sigchld | CloneNewUser));

        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "socket", 2));  // AF_INET
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "socket", 40));         // AF_VSOCK
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "socket", 39));
    }

    [DockerProfileFact]
    public void CoversTheCompatAbis()
    {
        var program = Compile(DockerProfile.LoadForAmd64());
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86, "read"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86, "_llseek"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86, "socketcall"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86, "kexec_load"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X32, "read"));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X32, "kexec_load"));
        Assert.Equal(SeccompRet.KillProcess, program.Verdict(Aarch64, 63));
    }

    [DockerProfileFact]
    public void AgreesWithTheSpecOnEverySyscallNumber()
    {
        var spec = DockerProfile.LoadForAmd64();
        var program = Compile(spec);
        ulong[][] argSets = [[0, 0, 0, 0, 0, 0], [17, 0, 0, 0, 0, 0], [CloneNewUser, 8, 0, 0, 0, 0], [0xffffffff, 39, 40, 0, 0, 0], [38, 0x7e020000, 0, 0, 0, 0]];
        foreach (uint arch in new[] { X86_64, I386 })
            foreach (int nr in Enumerable.Range(0, 560).Concat(Enumerable.Range(0x40000000, 560)).Append(-1))
                foreach (var args in argSets)
                {
                    uint expected = SeccompOracle.Evaluate(spec, SeccompArch.X86_64, arch, nr, args);
                    uint actual = program.Verdict(arch, nr, args);
                    Assert.True(expected == actual, $"arch 0x{arch:x} nr 0x{nr:x} arg0 0x{args[0]:x}: expected {Describe(expected)}, got {Describe(actual)}");
                }
    }
}
