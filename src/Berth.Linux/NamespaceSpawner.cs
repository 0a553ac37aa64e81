using System.Runtime.InteropServices;
using System.Text;
using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>What to start, with which descriptors, in which namespaces.</summary>
/// <param name="Fds">Descriptors the child gets: key = number in the child, value = descriptor here.</param>
/// <param name="UnshareFlags">CLONE_NEW* flags: the child is born in new namespaces of these kinds.</param>
/// <param name="Join">Namespaces the child is born in: open namespace descriptors and their CLONE_NEW* type.</param>
/// <param name="ReadOnlyExecutable">
/// Spawn Path from a read-only bind mount of itself made in a new private mount namespace (UnshareFlags must
/// include CLONE_NEWNS): the child's /proc/PID/exe then leads only to a read-only mount (CVE-2019-5736).
/// </param>
public sealed record SpawnRequest(
    string Path,
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    IReadOnlyDictionary<int, int> Fds,
    int UnshareFlags = 0,
    IReadOnlyList<(int Fd, int Type)>? Join = null,
    bool ReadOnlyExecutable = false);

/// <summary>
/// Starts a process inside new or joined namespaces without forking managed code: a throwaway thread
/// unshares its fs context, joins and unshares the namespaces, then posix_spawns; the child inherits the
/// thread's namespaces (a new pid namespace makes it PID 1) while the rest of this process is untouched.
/// The child starts with every signal at its default disposition and an empty mask (.NET ignores SIGPIPE).
/// </summary>
public static unsafe class NamespaceSpawner
{
    public static int Spawn(SpawnRequest request)
    {
        int pid = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { pid = SpawnOnThisThread(request); }
            catch (Exception e) { failure = e; }
        }, 256 * 1024) { IsBackground = true, Name = "ns-spawn" };
        thread.Start();
        thread.Join();
        if (failure is not null) throw failure;
        return pid;
    }

    static int SpawnOnThisThread(SpawnRequest r)
    {
        bool altered = r.UnshareFlags != 0 || r.Join is { Count: > 0 };
        if (altered)
        {
            Errno.Check(Libc.unshare(Libc.CLONE_FS), "unshare(CLONE_FS)");
            foreach (var (fd, type) in r.Join ?? [])
                Errno.Check(Libc.setns(fd, type), "setns", NamespaceName(type));
            if (r.UnshareFlags != 0)
                Errno.Check(Libc.unshare(r.UnshareFlags), "unshare", FlagsText(r.UnshareFlags));
        }
        if (r.ReadOnlyExecutable)
        {
            if ((r.UnshareFlags & Libc.CLONE_NEWNS) == 0) throw new LinuxException(Errno.EINVAL, "read-only executable without a new mount namespace", r.Path);
            // Nothing done here may reach the host's mount namespace.
            Errno.Check(Libc.mount(null, "/", null, Libc.MS_REC | Libc.MS_SLAVE, null), "make / rslave");
            Errno.Check(Libc.mount(r.Path, r.Path, null, Libc.MS_BIND, null), "bind-mount", r.Path);
            Errno.Check(Libc.mount(null, r.Path, null, Libc.MS_BIND | Libc.MS_REMOUNT | Libc.MS_RDONLY | Libc.MS_NODEV | Libc.MS_NOSUID, null), "remount read-only", r.Path);
        }

        // Move sources out of the way of the target numbers first, so dup2 never clobbers a source.
        var staged = new List<(int Target, int Staged)>();
        try
        {
            foreach (var (target, source) in r.Fds)
                staged.Add((target, Errno.Check(Libc.fcntl(source, 1030 /* F_DUPFD_CLOEXEC */, 100), "dup", $"fd {source}")));
            return PosixSpawn(r, staged);
        }
        finally
        {
            foreach (var (_, s) in staged) Libc.close(s);
        }
    }

    static int PosixSpawn(SpawnRequest r, List<(int Target, int Staged)> fds)
    {
        byte* actions = stackalloc byte[Libc.SpawnFileActionsSize];
        byte* attr = stackalloc byte[Libc.SpawnAttrSize];
        byte* empty = stackalloc byte[Libc.SigSetSize];
        byte* all = stackalloc byte[Libc.SigSetSize];
        Libc.posix_spawn_file_actions_init(actions);
        Libc.posix_spawnattr_init(attr);
        using var strings = new NativeStrings();
        try
        {
            foreach (var (target, staged) in fds)
                Check(Libc.posix_spawn_file_actions_adddup2(actions, staged, target), "posix_spawn_file_actions_adddup2");
            Libc.sigemptyset(empty);
            Libc.sigfillset(all);
            Libc.posix_spawnattr_setsigmask(attr, empty);
            Libc.posix_spawnattr_setsigdefault(attr, all);
            short flags = Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF;
            Libc.posix_spawnattr_setflags(attr, flags);

            int pid;
            var path = strings.Add(r.Path);
            var argv = strings.Array(r.Args);
            var envp = strings.Array(r.Env);
            Check(Libc.posix_spawn(&pid, path, actions, attr, argv, envp), "posix_spawn", r.Path);
            return pid;
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(actions);
            Libc.posix_spawnattr_destroy(attr);
        }
    }

    static void Check(int rc, string op, string? path = null)
    {
        if (rc != 0) throw new LinuxException(rc, op, path);
    }

    public static string NamespaceName(int type) => type switch
    {
        Libc.CLONE_NEWNS => "mnt",
        Libc.CLONE_NEWUTS => "uts",
        Libc.CLONE_NEWIPC => "ipc",
        Libc.CLONE_NEWPID => "pid",
        Libc.CLONE_NEWNET => "net",
        Libc.CLONE_NEWCGROUP => "cgroup",
        Libc.CLONE_NEWUSER => "user",
        Libc.CLONE_NEWTIME => "time",
        _ => $"0x{type:x}",
    };

    static string FlagsText(int flags)
    {
        var names = new List<string>();
        foreach (var t in new[] { Libc.CLONE_NEWNS, Libc.CLONE_NEWUTS, Libc.CLONE_NEWIPC, Libc.CLONE_NEWPID, Libc.CLONE_NEWNET, Libc.CLONE_NEWCGROUP, Libc.CLONE_NEWUSER })
            if ((flags & t) != 0) names.Add(NamespaceName(t));
        return string.Join(",", names);
    }
}

/// <summary>NUL-terminated UTF-8 strings and string arrays in native memory, freed together.</summary>
public sealed unsafe class NativeStrings : IDisposable
{
    readonly List<nint> _blocks = [];

    public byte* Add(string s)
    {
        var n = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)NativeMemory.Alloc((nuint)n + 1);
        _blocks.Add((nint)p);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, n));
        p[n] = 0;
        return p;
    }

    public byte** Array(IReadOnlyList<string> items)
    {
        var a = (byte**)NativeMemory.Alloc((nuint)(items.Count + 1), (nuint)sizeof(nint));
        _blocks.Add((nint)a);
        for (int i = 0; i < items.Count; i++) a[i] = Add(items[i]);
        a[items.Count] = null;
        return a;
    }

    public void Dispose()
    {
        foreach (var b in _blocks) NativeMemory.Free((void*)b);
        _blocks.Clear();
    }
}
