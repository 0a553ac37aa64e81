using System.Runtime.InteropServices;
using Berth.Linux.Interop;

namespace Berth.Linux;

public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, EBADF = 9, ECHILD = 10, EAGAIN = 11,
        ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20,
        EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25, ETXTBSY = 26, ENOSPC = 28, EROFS = 30,
        EPIPE = 32, ERANGE = 34, ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40, ENODATA = 61, EOPNOTSUPP = 95;

    /// <summary>errno of the last P/Invoke marked SetLastError.</summary>
    public static int Last => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => $"{Libc.StrError(errno)} (errno {errno})";

    /// <summary>Throws a LinuxException when a libc call returned -1.</summary>
    public static int Check(int result, string operation, string? path = null) =>
        result == -1 ? throw new LinuxException(Last, operation, path) : result;

    public static long Check(long result, string operation, string? path = null) =>
        result == -1 ? throw new LinuxException(Last, operation, path) : result;
}
