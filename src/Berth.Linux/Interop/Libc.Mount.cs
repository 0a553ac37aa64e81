using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

public static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string? source, string target, string? fstype, ulong flags, string? data);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chdir(string path);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fchdir(int fd);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chroot(string path);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkdirat(int dirfd, string path, uint mode);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mknodat(int dirfd, string path, uint mode, ulong dev);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int symlinkat(string target, int dirfd, string linkpath);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fchownat(int dirfd, string path, uint uid, uint gid, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fchown(int fd, uint uid, uint gid);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fchmod(int fd, uint mode);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mkfifo(string path, uint mode);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int unlinkat(int dirfd, string path, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int fstatfs(int fd, StatFs* buf);

    [StructLayout(LayoutKind.Sequential)]
    public struct StatFs
    {
        public long Type, Bsize, Blocks, Bfree, Bavail, Files, Ffree;
        public long Fsid;
        public long Namelen, Frsize, Flags;
        public fixed long Spare[4];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct OpenHow
    {
        public ulong Flags, Mode, Resolve;
    }

    public const ulong MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
        MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024,
        MS_NODIRATIME = 2048, MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768,
        MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20,
        MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25;

    public const int MNT_DETACH = 2, AT_REMOVEDIR = 0x200, AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;

    public const ulong RESOLVE_NO_XDEV = 1, RESOLVE_NO_MAGICLINKS = 2, RESOLVE_NO_SYMLINKS = 4,
        RESOLVE_BENEATH = 8, RESOLVE_IN_ROOT = 16;

    public const uint S_IFMT = 0xF000, S_IFCHR = 0x2000, S_IFBLK = 0x6000, S_IFIFO = 0x1000, S_IFDIR = 0x4000, S_IFREG = 0x8000;

    public static int openat2(int dirfd, string path, ulong flags, ulong mode, ulong resolve)
    {
        var how = new OpenHow { Flags = flags, Mode = mode, Resolve = resolve };
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
            return (int)syscall(SyscallNumbers.Openat2, dirfd, (long)p, (long)&how, sizeof(OpenHow), 0, 0);
    }

    public static int pivot_root(string newRoot, string putOld)
    {
        var a = System.Text.Encoding.UTF8.GetBytes(newRoot + "\0");
        var b = System.Text.Encoding.UTF8.GetBytes(putOld + "\0");
        fixed (byte* pa = a)
        fixed (byte* pb = b)
            return (int)syscall(SyscallNumbers.PivotRoot, (long)pa, (long)pb, 0, 0, 0, 0);
    }

    public static ulong makedev(long major, long minor) =>
        ((ulong)(major & 0xfff) << 8) | ((ulong)(major & ~0xfffL) << 32) | (ulong)(minor & 0xff) | ((ulong)(minor & ~0xffL) << 12);
}

public static unsafe partial class Libc
{
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fchmodat(int dirfd, string path, uint mode, int flags);

    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint readlink(string path, byte* buf, nint size);
}

public static partial class Libc
{
    [LibraryImport(Lib, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int faccessat(int dirfd, string path, int mode, int flags);

    public const int X_OK = 1;
}
