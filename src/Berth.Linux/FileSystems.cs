using Berth.Linux.Interop;

namespace Berth.Linux;

public static unsafe class FileSystems
{
    /// <summary>The mount flags (as MS_* bits) of the mount holding path, from statfs f_flags; 0 if unknown.</summary>
    public static ulong MountFlags(string path)
    {
        var fd = Libc.open(path, Libc.O_PATH | Libc.O_CLOEXEC, 0);
        if (fd == -1) return 0;
        try
        {
            Libc.StatFs st;
            if (Libc.fstatfs(fd, &st) == -1) return 0;
            // ST_* bits equal MS_* bits except ST_RELATIME (0x1000, which is MS_BIND's value).
            var st_ = (ulong)st.Flags;
            var ms = st_ & (Libc.MS_RDONLY | Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC | Libc.MS_SYNCHRONOUS |
                            Libc.MS_MANDLOCK | Libc.MS_NOATIME | Libc.MS_NODIRATIME);
            if ((st_ & 0x1000) != 0) ms |= Libc.MS_RELATIME;
            return ms;
        }
        finally { Libc.close(fd); }
    }

    /// <summary>True if path is a regular file this process may execute (effective ids, as execve checks).</summary>
    public static bool IsExecutableFile(string path) =>
        File.Exists(path) && Libc.faccessat(Libc.AT_FDCWD, path, Libc.X_OK, 0x200 /* AT_EACCESS */) == 0;
}
