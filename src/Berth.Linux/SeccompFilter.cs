using Berth.Core;
using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>Installs a seccomp BPF filter on the calling thread (and, with TSYNC, its whole thread group).</summary>
public static unsafe class SeccompFilter
{
    /// <summary>SECCOMP_FILTER_FLAG_* bits for seccomp(2).</summary>
    public const uint FlagTsync = 1, FlagLog = 2, FlagSpecAllow = 4, FlagNewListener = 8, FlagTsyncEsrch = 16,
        FlagWaitKillableRecv = 32;

    /// <summary>
    /// Loads <paramref name="program"/> with seccomp(SECCOMP_SET_MODE_FILTER, flags); falls back to
    /// prctl(PR_SET_SECCOMP) on kernels without seccomp(2) when no flags are asked for.
    /// The caller must hold CAP_SYS_ADMIN or have set no_new_privs first (Credentials.SetNoNewPrivileges).
    /// Irreversible: never call it in a process that must keep running unfiltered.
    /// </summary>
    public static void Install(ReadOnlySpan<SockFilter> program, uint flags)
    {
        if (program.Length is 0 or > Bpf.MaxInstructions)
            throw BerthException.Invalid($"seccomp: a filter must have 1 to {Bpf.MaxInstructions} instructions, not {program.Length}");
        fixed (SockFilter* p = program)
        {
            var fprog = new Libc.SockFprog { Len = (ushort)program.Length, Filter = p };
            long nr = Libc.SYS_seccomp;
            long rc = nr < 0 ? -1 : Libc.syscall(nr, Libc.SECCOMP_SET_MODE_FILTER, flags, (long)&fprog, 0, 0, 0);
            int errno = nr < 0 ? Errno.ENOSYS : Errno.Last;
            if (rc == 0)
                return;
            if (rc > 0)
                throw new BerthException(ErrorKind.FailedPrecondition,
                    $"seccomp: thread {rc} could not be synchronized to the new filter (SECCOMP_FILTER_FLAG_TSYNC)");
            if (errno != Errno.ENOSYS)
                throw new LinuxException(errno, "seccomp(SECCOMP_SET_MODE_FILTER)");
            if (flags != 0)
                throw new BerthException(ErrorKind.NotImplemented,
                    $"seccomp: this kernel has no seccomp(2), so filter flags 0x{flags:x} cannot be applied");
            Errno.Check(Libc.prctl(Libc.PR_SET_SECCOMP, Libc.SECCOMP_MODE_FILTER, (nuint)(&fprog), 0, 0),
                "prctl(PR_SET_SECCOMP)");
        }
    }

    /// <summary>The calling thread's seccomp mode: 0 none, 1 strict, 2 filter (prctl PR_GET_SECCOMP).</summary>
    public static int CurrentMode() => Errno.Check(Libc.prctl(Libc.PR_GET_SECCOMP, 0, 0, 0, 0), "prctl(PR_GET_SECCOMP)");
}
