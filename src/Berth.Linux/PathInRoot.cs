using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>
/// Paths resolved inside a root directory as if it were "/" (openat2 RESOLVE_IN_ROOT): symlinks in an image
/// can never lead a mount or a device node out of the container's root filesystem.
/// </summary>
public sealed class PathInRoot : IDisposable
{
    readonly int _root;

    public PathInRoot(string root)
    {
        RootPath = root;
        _root = Errno.Check(Libc.open(root, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0), "open", root);
    }

    public string RootPath { get; }

    /// <summary>Opens an existing path (O_PATH); -1 with errno kept when it does not exist.</summary>
    public int TryOpen(string path, bool directory = false)
    {
        var flags = (ulong)(Libc.O_PATH | Libc.O_CLOEXEC | (directory ? Libc.O_DIRECTORY : 0));
        return Libc.openat2(_root, Relative(path), flags, 0, Libc.RESOLVE_IN_ROOT | Libc.RESOLVE_NO_MAGICLINKS);
    }

    public int Open(string path, bool directory = false)
    {
        var fd = TryOpen(path, directory);
        return fd == -1 ? throw new LinuxException(Errno.Last, "open in rootfs", path) : fd;
    }

    /// <summary>Creates the directories leading to path and path itself (a directory, or an empty file), then opens it.</summary>
    public int Create(string path, bool directory, uint mode = 0x1ED /* 0755 */)
    {
        var existing = TryOpen(path);
        if (existing != -1) return existing;
        var parts = Relative(path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var dir = "";
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            var parentFd = dir.Length == 0 ? Libc.fcntl(_root, 1030, 3) : Open(dir, directory: true);
            try
            {
                if (!last || directory)
                {
                    if (Libc.mkdirat(parentFd, parts[i], mode) == -1 && Errno.Last != Errno.EEXIST)
                        throw new LinuxException(Errno.Last, "mkdir in rootfs", "/" + string.Join('/', parts[..(i + 1)]));
                }
                else
                {
                    var f = Libc.openat(parentFd, parts[i], Libc.O_CREAT | Libc.O_WRONLY | Libc.O_CLOEXEC | Libc.O_NOFOLLOW, 0x1A4 /* 0644 */);
                    if (f == -1 && Errno.Last != Errno.EEXIST && Errno.Last != Errno.ELOOP)
                        throw new LinuxException(Errno.Last, "create in rootfs", path);
                    Fd.Close(f);
                }
            }
            finally { Fd.Close(parentFd); }
            dir = dir + "/" + parts[i];
        }
        return Open(path, directory);
    }

    /// <summary>The magic-link path through which a mount can target the resolved file.</summary>
    public static string ProcPath(int fd) => $"/proc/self/fd/{fd}";

    public static string Relative(string path) => path.TrimStart('/') is { Length: > 0 } p ? p : ".";

    public void Dispose() => Fd.Close(_root);
}
