using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Oci;

namespace Berth.Runtime.Rootfs;

/// <summary>Device nodes and /dev links of a container (runc's default devices plus linux.devices).</summary>
public static class Devices
{
    public static readonly IReadOnlyList<LinuxDevice> Defaults =
    [
        Char("/dev/null", 1, 3), Char("/dev/zero", 1, 5), Char("/dev/full", 1, 7),
        Char("/dev/random", 1, 8), Char("/dev/urandom", 1, 9), Char("/dev/tty", 5, 0),
    ];

    static LinuxDevice Char(string path, long major, long minor) =>
        new() { Path = path, Type = "c", Major = major, Minor = minor, FileMode = 0x1B6 /* 0666 */, Uid = 0, Gid = 0 };

    /// <summary>The device cgroup rules runc always adds so the default devices and ptys work.</summary>
    public static IEnumerable<LinuxDeviceCgroup> AllowRules()
    {
        LinuxDeviceCgroup Rule(string type, long? major, long? minor, string access) =>
            new() { Allow = true, Type = type, Major = major, Minor = minor, Access = access };
        yield return Rule("c", null, null, "m");
        yield return Rule("b", null, null, "m");
        foreach (var d in Defaults) yield return Rule("c", d.Major, d.Minor, "rwm");
        yield return Rule("c", 5, 1, "rwm");    // /dev/console
        yield return Rule("c", 136, null, "rwm"); // /dev/pts/*
        yield return Rule("c", 5, 2, "rwm");    // /dev/ptmx
    }

    public static void Create(PathInRoot root, IEnumerable<LinuxDevice> devices)
    {
        foreach (var d in devices)
        {
            var dir = Path.GetDirectoryName(d.Path) ?? "/";
            var name = Path.GetFileName(d.Path);
            var parent = root.Create(dir, directory: true);
            try
            {
                var type = d.Type switch
                {
                    "c" or "u" => Libc.S_IFCHR,
                    "b" => Libc.S_IFBLK,
                    "p" => Libc.S_IFIFO,
                    _ => throw new Core.BerthException(Core.ErrorKind.InvalidArgument, $"linux.devices: {d.Path}: unknown type {d.Type}"),
                };
                var mode = (d.FileMode ?? 0x1B6) & 0xFFF;
                var rc = Libc.mknodat(parent, name, type | mode, Libc.makedev(d.Major, d.Minor));
                if (rc == -1 && Errno.Last == Errno.EEXIST)
                {
                    Libc.unlinkat(parent, name, 0);
                    rc = Libc.mknodat(parent, name, type | mode, Libc.makedev(d.Major, d.Minor));
                }
                if (rc == -1 && Errno.Last == Errno.EPERM)
                {
                    BindFromHost(root, d.Path);
                    continue;
                }
                Errno.Check(rc, "mknod", d.Path);
                // mknod is subject to umask: set the mode exactly, then the owner.
                Errno.Check(Libc.fchownat(parent, name, d.Uid ?? 0, d.Gid ?? 0, Libc.AT_SYMLINK_NOFOLLOW), "chown", d.Path);
                Errno.Check(Libc.fchmodat(parent, name, mode, 0), "chmod", d.Path);
            }
            finally { Fd.Close(parent); }
        }
    }

    static void BindFromHost(PathInRoot root, string path)
    {
        var fd = root.Create(path, directory: false);
        try { Errno.Check(Libc.mount(path, PathInRoot.ProcPath(fd), null, Libc.MS_BIND, null), "bind-mount device", path); }
        finally { Fd.Close(fd); }
    }

    /// <summary>/dev/fd, /dev/std* and /dev/ptmx → pts/ptmx, as runc lays them.</summary>
    public static void Links(PathInRoot root)
    {
        var links = new List<(string Link, string Target)>
        {
            ("/dev/fd", "/proc/self/fd"), ("/dev/stdin", "/proc/self/fd/0"),
            ("/dev/stdout", "/proc/self/fd/1"), ("/dev/stderr", "/proc/self/fd/2"),
        };
        var dev = root.Create("/dev", directory: true);
        try
        {
            foreach (var (link, target) in links)
            {
                var name = Path.GetFileName(link);
                if (Libc.symlinkat(target, dev, name) == -1 && Errno.Last != Errno.EEXIST)
                    throw new LinuxException(Errno.Last, "symlink", link);
            }
            Libc.unlinkat(dev, "ptmx", 0);
            if (Libc.symlinkat("pts/ptmx", dev, "ptmx") == -1 && Errno.Last != Errno.EEXIST)
                throw new LinuxException(Errno.Last, "symlink", "/dev/ptmx");
        }
        finally { Fd.Close(dev); }
    }
}
