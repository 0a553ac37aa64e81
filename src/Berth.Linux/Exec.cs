using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>The last step: replace this process with the container's program.</summary>
public static unsafe class Exec
{
    /// <summary>Resets every signal to its default and empties the mask, then execve. Returns only by throwing.</summary>
    public static void Replace(string path, IReadOnlyList<string> args, IReadOnlyList<string> env)
    {
        for (int sig = 1; sig < 65; sig++)
            if (sig is not (9 or 19 or 32 or 33)) Libc.signal(sig, 0 /* SIG_DFL */);
        byte* empty = stackalloc byte[Libc.SigSetSize];
        Libc.sigemptyset(empty);
        Libc.pthread_sigmask(Libc.SIG_SETMASK, empty, null);
        using var strings = new NativeStrings();
        var p = strings.Add(path);
        Libc.execve(p, strings.Array(args), strings.Array(env));
        throw new LinuxException(Errno.Last, "exec", path);
    }
}
