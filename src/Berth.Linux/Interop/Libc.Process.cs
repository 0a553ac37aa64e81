using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

public static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int kill(int pid, int sig);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Lib)]
    public static partial int getpid();

    [LibraryImport(Lib)]
    public static partial uint geteuid();

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int setsid();

    [LibraryImport(Lib)]
    public static partial uint umask(uint mask);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int prlimit(int pid, int resource, RLimit* newLimit, RLimit* oldLimit);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int sethostname(string name, nuint len);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int setdomainname(string name, nuint len);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint signal(int sig, nint handler);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int pthread_sigmask(int how, byte* set, byte* oldset);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sigemptyset(byte* set);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sigfillset(byte* set);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int memfd_create(string name, uint flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial nint sendfile(int outFd, int inFd, long* offset, nint count);

    [LibraryImport(Lib)]
    public static partial void _exit(int status);

    [StructLayout(LayoutKind.Sequential)]
    public struct RLimit
    {
        public ulong Cur, Max;
    }

    public const int PR_SET_PDEATHSIG = 1, PR_SET_DUMPABLE = 4, PR_SET_KEEPCAPS = 8, PR_SET_NAME = 15,
        PR_CAPBSET_READ = 23, PR_CAPBSET_DROP = 24, PR_SET_SECUREBITS = 28, PR_SET_NO_NEW_PRIVS = 38,
        PR_SET_CHILD_SUBREAPER = 36, PR_CAP_AMBIENT = 47, PR_CAP_AMBIENT_RAISE = 2, PR_CAP_AMBIENT_CLEAR_ALL = 4;

    public const int WNOHANG = 1, SIG_SETMASK = 2, SigSetSize = 128;
    public const uint MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_EXEC = 0x10;
}
