namespace Berth.Core;

/// <summary>The small vocabulary of failure classes every layer maps its errors to (containerd's errdefs).</summary>
public enum ErrorKind
{
    Unknown,
    InvalidArgument,
    NotFound,
    AlreadyExists,
    FailedPrecondition,
    Conflict,
    Unavailable,
    NotImplemented,
    PermissionDenied,
}
