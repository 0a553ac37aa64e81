using System.Globalization;

namespace Berth.Cgroups.Internal;

/// <summary>Helpers shared by the v1 and v2 stats readers.</summary>
internal static class StatsParsing
{
    /// <summary>Limits at or above 2^62 are the kernel's "unlimited" (v1 prints LONG_MAX rounded to a page).</summary>
    public static ulong? Limit(long? value) => value is { } v && v >= 0 && v < (1L << 62) ? (ulong)v : null;

    public static ulong U(long? value) => value is { } v && v > 0 ? (ulong)v : 0;

    public static ulong Get(Dictionary<string, long> values, string key) => values.TryGetValue(key, out var v) ? U(v) : 0;

    /// <summary>v1 blkio "major:minor Op bytes" lines: the sums of Read and Write.</summary>
    public static (ulong Read, ulong Write) BlkioServiceBytes(string? text)
    {
        ulong read = 0, write = 0;
        if (text is null) return (0, 0);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 3 || !ulong.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) continue;
            if (f[1] == "Read") read += n;
            else if (f[1] == "Write") write += n;
        }
        return (read, write);
    }

    /// <summary>v2 io.stat "major:minor rbytes=N wbytes=N ..." lines: the sums of rbytes and wbytes.</summary>
    public static (ulong Read, ulong Write) IoStatBytes(string? text)
    {
        ulong read = 0, write = 0;
        if (text is null) return (0, 0);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            foreach (var field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            {
                var eq = field.IndexOf('=');
                if (eq < 0 || !ulong.TryParse(field.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) continue;
                if (field.StartsWith("rbytes=", StringComparison.Ordinal)) read += n;
                else if (field.StartsWith("wbytes=", StringComparison.Ordinal)) write += n;
            }
        return (read, write);
    }
}
