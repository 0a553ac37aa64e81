namespace Berth.Runtime.Cli;

/// <summary>
/// One readable line for an unexpected I/O exception. The NativeAOT build drops .NET's message resources
/// (UseSystemResourceKeys), so messages arrive as "IO_PathNotFound_Path, /x": say what the key means.
/// </summary>
public static class IoErrorText
{
    public static string Describe(Exception e)
    {
        var m = e.Message;
        var comma = m.IndexOf(", ", StringComparison.Ordinal);
        var key = comma > 0 ? m[..comma] : m;
        var subject = comma > 0 ? m[(comma + 2)..] : null;
        var text = key switch
        {
            "IO_PathNotFound_Path" or "IO_PathNotFound_NoPathName" or "IO_FileNotFound_FileName" or "IO_FileNotFound"
                => "no such file or directory",
            "UnauthorizedAccess_IODenied_Path" or "UnauthorizedAccess_IODenied_NoPathName" => "permission denied",
            "IO_FileExists_Name" or "IO_AlreadyExists_Name" => "file exists",
            "IO_PathTooLong_Path" or "IO_PathTooLong" => "path too long",
            "IO_SharingViolation_File" or "IO_SharingViolation_NoFileName" => "file in use",
            "IO_DiskFull_Path_AllocationSize" => "no space left on device",
            _ => null,
        };
        if (text is null) return m;
        return subject is { Length: > 0 } ? $"{subject}: {text}" : text;
    }
}
