using System.Globalization;
using System.Text;
using Berth.Core;
using Berth.Linux;
using Berth.Linux.Interop;

namespace Berth.Cgroups.Internal;

/// <summary>
/// Reads and writes cgroup control files. A write is one write(2) on an O_WRONLY|O_TRUNC descriptor, as the kernel
/// expects; a refused value becomes a one-line LinuxException naming the value, the file and errno.
/// </summary>
internal static unsafe class CgroupFile
{
    /// <summary>Tests only: when set (per async flow), every successful write is appended as (path, value), in order.</summary>
    internal static readonly AsyncLocal<List<(string Path, string Value)>?> Journal = new();

    public static void Write(string dir, string file, string value) => WritePath(Path.Combine(dir, file), value);

    public static void WritePath(string path, string value)
    {
        var shown = value.Replace('\n', ' ').Trim();
        int fd;
        do fd = Libc.open(path, Libc.O_WRONLY | Libc.O_TRUNC | Libc.O_CLOEXEC, 0);
        while (fd < 0 && Errno.Last == Errno.EINTR);
        if (fd < 0) throw new LinuxException(Errno.Last, $"write \"{shown}\" to", path);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            fixed (byte* p = bytes)
            {
                nint n;
                do n = Libc.write(fd, p, bytes.Length);
                while (n < 0 && Errno.Last == Errno.EINTR);
                if (n < 0) throw new LinuxException(Errno.Last, $"write \"{shown}\" to", path);
                if (n != bytes.Length) throw new BerthException(ErrorKind.Unknown, $"write \"{shown}\" to {path}: short write ({n} of {bytes.Length} bytes)");
            }
            Journal.Value?.Add((path, value));
        }
        finally { Libc.close(fd); }
    }

    public static string Read(string dir, string file) => ReadPath(Path.Combine(dir, file));

    public static string ReadPath(string path) =>
        TryReadPath(path) ?? throw new LinuxException(Errno.ENOENT, "read", path);

    public static string? TryRead(string dir, string file) => TryReadPath(Path.Combine(dir, file));

    /// <summary>The file's text, or null when it does not exist.</summary>
    public static string? TryReadPath(string path)
    {
        int fd;
        do fd = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        while (fd < 0 && Errno.Last == Errno.EINTR);
        if (fd < 0)
        {
            var errno = Errno.Last;
            if (errno is Errno.ENOENT or Errno.ENODEV) return null;
            throw new LinuxException(errno, "open", path);
        }
        try
        {
            var buffer = new byte[8192];
            var used = 0;
            while (true)
            {
                if (used == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                nint n;
                fixed (byte* p = &buffer[used]) n = Libc.read(fd, p, buffer.Length - used);
                if (n < 0)
                {
                    if (Errno.Last == Errno.EINTR) continue;
                    throw new LinuxException(Errno.Last, "read", path);
                }
                if (n == 0) break;
                used += (int)n;
            }
            return Encoding.UTF8.GetString(buffer, 0, used);
        }
        finally { Libc.close(fd); }
    }

    public static bool Exists(string dir, string file) => File.Exists(Path.Combine(dir, file));

    /// <summary>A file holding one integer ("max" is long.MaxValue); null when the file is missing.</summary>
    public static long? TryReadLong(string dir, string file)
    {
        var text = TryRead(dir, file);
        return text is null ? null : ParseLong(text.Trim(), Path.Combine(dir, file));
    }

    public static long ParseLong(string text, string what)
    {
        if (text == "max") return long.MaxValue;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return long.MaxValue;
        throw BerthException.Invalid($"{what}: expected a number, found \"{text}\"");
    }

    /// <summary>"key value" lines (memory.stat, cpu.stat, memory.events, cgroup.events, memory.oom_control).</summary>
    public static Dictionary<string, long> ReadKeyValues(string dir, string file)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var text = TryRead(dir, file);
        if (text is null) return result;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
                result[parts[0]] = v;
        }
        return result;
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
