using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Seccomp;
using static Berth.Runtime.Tests.Seccomp.SeccompSpecs;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>Large filters (jumps beyond 255 instructions) checked exhaustively against <see cref="SeccompOracle"/>.</summary>
public class SeccompLayoutTests
{
    static readonly string[] Arches = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"];

    /// <summary>A random but reproducible profile: many plain rules, several actions, argument rules.</summary>
    static LinuxSeccomp RandomProfile(int seed, int syscalls, int argRules)
    {
        var random = new Random(seed);
        string[] actions = ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_TRAP", "SCMP_ACT_LOG", "SCMP_ACT_KILL_PROCESS"];
        string[] ops = ["SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"];
        var names = Enumerable.Range(0, 460).Select(nr => NameOf(nr)).OfType<string>().ToArray();
        var spec = Profile("SCMP_ACT_ERRNO");
        spec.Architectures = [.. Arches];
        for (int i = 0; i < syscalls; i++)
        {
            var rule = Rule(actions[random.Next(actions.Length)], names[random.Next(names.Length)], names[random.Next(names.Length)]);
            if (rule.Action == "SCMP_ACT_ERRNO")
                rule.ErrnoRet = (uint)random.Next(2, 100);
            spec.Syscalls!.Add(rule);
        }
        for (int i = 0; i < argRules; i++)
        {
            var args = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                Arg((uint)random.Next(6), ops[random.Next(ops.Length)], Value(random), Value(random))).ToArray();
            spec.Syscalls!.Insert(random.Next(spec.Syscalls.Count),
                Errno((uint)random.Next(2, 100), names[random.Next(names.Length)]).With(args));
        }
        return spec;
    }

    static ulong Value(Random random) => random.Next(4) switch
    {
        0 => (ulong)random.Next(8),
        1 => 0xffffffff,
        2 => 0x1_0000_0000 + (ulong)random.Next(3),
        _ => (ulong)random.NextInt64(),
    };

    static string? NameOf(int nr)
    {
        foreach (var name in KnownNames)
            if (SeccompArchitectures.SyscallNumber(SeccompArch.X86_64, name) == nr)
                return name;
        return null;
    }

    // Names spread over the x86_64, i386 and x32 tables.
    static readonly string[] KnownNames =
    [
        "read", "write", "open", "close", "stat", "fstat", "lstat", "poll", "lseek", "mmap", "mprotect", "munmap",
        "brk", "rt_sigaction", "rt_sigprocmask", "ioctl", "pread64", "pwrite64", "readv", "writev", "access", "pipe",
        "select", "sched_yield", "mremap", "msync", "mincore", "madvise", "dup", "dup2", "pause", "nanosleep",
        "getpid", "sendfile", "socket", "connect", "accept", "sendto", "recvfrom", "bind", "listen", "clone", "fork",
        "vfork", "execve", "exit", "wait4", "kill", "uname", "fcntl", "flock", "fsync", "truncate", "getdents",
        "getcwd", "chdir", "rename", "mkdir", "rmdir", "link", "unlink", "symlink", "readlink", "chmod", "chown",
        "umask", "gettimeofday", "getrlimit", "getuid", "getgid", "setuid", "setgid", "geteuid", "getppid",
        "setsid", "personality", "statfs", "mount", "umount2", "reboot", "sethostname", "gettid", "futex",
        "epoll_create", "getdents64", "exit_group", "epoll_wait", "tgkill", "openat", "mkdirat", "unshare",
        "splice", "tee", "utimensat", "epoll_pwait", "signalfd", "eventfd", "fallocate", "accept4", "dup3", "pipe2",
        "prlimit64", "setns", "getcpu", "kcmp", "finit_module", "seccomp", "getrandom", "memfd_create", "bpf",
        "execveat", "userfaultfd", "membarrier", "copy_file_range", "statx", "io_uring_setup", "pidfd_open",
        "clone3", "openat2", "faccessat2", "close_range", "landlock_create_ruleset", "futex_waitv",
    ];

    [Theory]
    [InlineData(1, 40, 5)]
    [InlineData(2, 300, 20)]
    [InlineData(3, 600, 40)]
    [InlineData(4, 120, 120)]
    public void BigRandomFiltersAgreeWithTheSpecOnEverySyscall(int seed, int syscalls, int argRules)
    {
        var spec = RandomProfile(seed, syscalls, argRules);
        var program = SeccompCompiler.Compile(spec, SeccompArch.X86_64, out _);
        var random = new Random(seed * 7919);
        var numbers = Enumerable.Range(0, 460).Concat(Enumerable.Range(0x40000000, 560)).Append(-1).Append(0x7fffffff);
        int checks = 0;
        foreach (uint arch in new[] { X86_64, I386, Aarch64 })
            foreach (int nr in numbers)
                for (int k = 0; k < 2; k++)
                {
                    ulong[] args = [.. Enumerable.Range(0, 6).Select(_ => Value(random))];
                    uint expected = SeccompOracle.Evaluate(spec, SeccompArch.X86_64, arch, nr, args);
                    uint actual = program.Verdict(arch, nr, args);
                    Assert.True(expected == actual,
                        $"arch 0x{arch:x} nr 0x{nr:x} args [{string.Join(", ", args.Select(a => $"0x{a:x}"))}]: expected {Describe(expected)}, got {Describe(actual)}");
                    checks++;
                }
        Assert.True(checks > 1000);
    }

    [Fact]
    public void FarJumpsAreEmittedWhenBlocksGrowBeyond255Instructions()
    {
        // One syscall with many argument rules: the jump over its block is far longer than 255.
        var rules = Enumerable.Range(0, 80).Select(i => Errno(5, "ioctl").With(Arg(1, "SCMP_CMP_EQ", (ulong)i + 0x5400))).ToList();
        rules.Add(Rule("SCMP_ACT_ALLOW", "read"));
        var spec = Profile("SCMP_ACT_ERRNO", [Rule("SCMP_ACT_ALLOW", "write"), .. rules, Errno(7, "close").With(Arg(0, "SCMP_CMP_GT", 2))]);
        var program = Compile(spec);
        Assert.Contains(program.Instructions, i => i.Code == (Bpf.JMP | Bpf.JA) && i.K > 255);
        Assert.Equal(Errno(5), program.Verdict(SeccompArch.X86_64, "ioctl", 0, 0x5400 + 79));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "ioctl", 0, 0x5400 + 80));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "read"));
        Assert.Equal(SeccompRet.Allow, program.Verdict(SeccompArch.X86_64, "write"));
        Assert.Equal(Errno(7), program.Verdict(SeccompArch.X86_64, "close", 3));
        Assert.Equal(Errno(1), program.Verdict(SeccompArch.X86_64, "close", 2));
    }
}
