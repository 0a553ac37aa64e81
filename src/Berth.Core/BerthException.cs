namespace Berth.Core;

/// <summary>An expected failure with a class; its message is one line meant for the user.</summary>
public class BerthException : Exception
{
    public BerthException(ErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    public ErrorKind Kind { get; }

    public static BerthException NotFound(string message) => new(ErrorKind.NotFound, message);
    public static BerthException Invalid(string message) => new(ErrorKind.InvalidArgument, message);
    public static BerthException Exists(string message) => new(ErrorKind.AlreadyExists, message);
    public static BerthException Precondition(string message) => new(ErrorKind.FailedPrecondition, message);
}
