namespace Berth.Linux;

/// <summary>One line of /proc/PID/mountinfo.</summary>
public sealed record MountInfoEntry(int Id, int ParentId, string Root, string MountPoint, string MountOptions,
    string Optional, string FsType, string Source, string SuperOptions);

public static class MountInfo
{
    public static IReadOnlyList<MountInfoEntry> Read(string path = "/proc/self/mountinfo") => Parse(File.ReadAllText(path), path);

    /// <summary>Parses mountinfo text; a line without the " - " separator or its fields is a clear error naming source.</summary>
    public static IReadOnlyList<MountInfoEntry> Parse(string text, string source = "mountinfo")
    {
        var list = new List<MountInfoEntry>();
        foreach (var raw in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var line = raw.TrimEnd('\r');
            var sep = line.IndexOf(" - ", StringComparison.Ordinal);
            var left = sep < 0 ? [] : line[..sep].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var right = sep < 0 ? [] : line[(sep + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (left.Length < 5 || right.Length < 1 || !int.TryParse(left[0], out var id) || !int.TryParse(left[1], out var parent))
                throw Core.BerthException.Invalid($"{source}: malformed line \"{line}\"");
            list.Add(new MountInfoEntry(id, parent, Unescape(left[3]), Unescape(left[4]), left.Length > 5 ? left[5] : "",
                string.Join(' ', left.Skip(6)), right[0], right.Length > 1 ? Unescape(right[1]) : "", right.Length > 2 ? right[2] : ""));
        }
        return list;
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as \ooo.</summary>
    static string Unescape(string s)
    {
        if (!s.Contains('\\')) return s;
        var sb = new System.Text.StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '7' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
