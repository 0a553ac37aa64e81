using Berth.Core;

namespace Berth.Linux;

/// <summary>A failed system call: the operation, the path it was about (if any) and errno, as one line.</summary>
public sealed class LinuxException : BerthException
{
    public LinuxException(int errno, string operation, string? path = null)
        : base(KindOf(errno), Format(errno, operation, path))
    {
        ErrorNumber = errno;
        Operation = operation;
        PathName = path;
    }

    public int ErrorNumber { get; }
    public string Operation { get; }
    public string? PathName { get; }

    public static string Format(int errno, string operation, string? path) =>
        path is null ? $"{operation}: {Errno.Describe(errno)}" : $"{operation} {path}: {Errno.Describe(errno)}";

    static ErrorKind KindOf(int errno) => errno switch
    {
        Errno.ENOENT => ErrorKind.NotFound,
        Errno.EEXIST => ErrorKind.AlreadyExists,
        Errno.EINVAL => ErrorKind.InvalidArgument,
        Errno.EPERM or Errno.EACCES => ErrorKind.PermissionDenied,
        Errno.EBUSY => ErrorKind.Conflict,
        _ => ErrorKind.Unknown,
    };
}
