using Berth.Linux;
using Berth.Runtime.Seccomp;
using static Berth.Runtime.Tests.Seccomp.SeccompSpecs;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>A fact that runs only as root (and on x86_64, where the probed syscall numbers below hold).</summary>
public sealed class RootX64FactAttribute : FactAttribute
{
    public RootX64FactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root: loads real seccomp filters in a child process";
        else if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
            Skip = "probes x86_64 syscall numbers";
    }
}

/// <summary>
/// Loads compiled filters into the kernel — never in the test host: a child process (this assembly's
/// <see cref="TestProgram"/>) installs the filter, makes raw system calls and reports what they returned.
/// </summary>
public class SeccompLoadTests
{
    // x86_64 numbers
    const string Getppid = "6e", Getsid = "7c", Personality = "87", Unshare = "110", Clone3 = "1b3", Fchmodat2 = "1c4";
    const string AtFdcwd = "ffffffffffffff9c"; // -100
    const int EPERM = 1, EFAULT = 14, ENOSYS = 38, ENOMSG = 42;

    [RootX64Fact]
    public void KernelAcceptsTheFilterAndAppliesItsVerdicts()
    {
        var spec = Profile("SCMP_ACT_ALLOW",
            Errno(ENOMSG, "getppid"),
            Errno(EPERM, "personality").With(Arg(0, "SCMP_CMP_EQ", 0x0040000)),
            Rule("SCMP_ACT_KILL_PROCESS", "getsid"));
        spec.Flags = ["SECCOMP_FILTER_FLAG_TSYNC"];
        spec.Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];
        var program = SeccompCompiler.Compile(spec, out _);

        var (exit, lines, error) = SeccompChild.Start(program.Instructions, program.Flags,
            Getppid, $"{Personality}:40000", $"{Personality}:ffffffff", Getsid);

        Assert.True(lines.Length >= 4, $"child output: {string.Join(" | ", lines)}; stderr: {error}");
        Assert.Equal("mode 2", lines[0]);
        Assert.Equal($"-1 {ENOMSG}", lines[1]);   // getppid -> ERRNO(42)
        Assert.Equal($"-1 {EPERM}", lines[2]);    // personality(ADDR_NO_RANDOMIZE) -> ERRNO(1)
        Assert.EndsWith(" 0", lines[3]);          // personality(0xffffffff) queries: allowed
        Assert.Equal(4, lines.Length);            // getsid killed the process before printing
        Assert.Equal(128 + 31, exit);             // SIGSYS
    }

    [RootX64Fact]
    public void DockerProfileLoadsAndDeniesWhatDockerDenies()
    {
        if (DockerProfile.Path is null)
            return; // covered by the DockerProfileFact skip message
        var program = SeccompCompiler.Compile(DockerProfile.LoadForAmd64(), out _);
        var (exit, lines, error) = SeccompChild.Start(program.Instructions, program.Flags,
            Getppid, $"{Unshare}:4000000", $"{Clone3}:0:0", $"{Personality}:ffffffff", $"{Fchmodat2}:{AtFdcwd}:0");
        Assert.True(exit == 0, $"exit {exit}; output: {string.Join(" | ", lines)}; stderr: {error}");
        Assert.Equal("mode 2", lines[0]);
        Assert.Matches("^[1-9][0-9]* 0$", lines[1]);  // getppid allowed
        Assert.Equal($"-1 {EPERM}", lines[2]);      // unshare(CLONE_NEWUTS) without CAP_SYS_ADMIN rules
        Assert.Equal($"-1 {ENOSYS}", lines[3]);     // clone3 -> ENOSYS
        Assert.EndsWith(" 0", lines[4]);            // personality query allowed
        Assert.Equal($"-1 {EFAULT}", lines[5]);     // fchmodat2 (Linux 6.6, newer than the headers) reaches the kernel
    }
}
