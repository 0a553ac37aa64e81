namespace Berth.Linux;

/// <summary>One line of /proc/PID/mountinfo.</summary>
public sealed record MountInfoEntry(int Id, int ParentId, string Root, string MountPoint, string MountOptions,
    string Optional, string FsType, string Source, string SuperOptions);

public static class MountInfo
{
    public static IReadOnlyList<MountInfoEntry> Read(string path = "/proc/self/mountinfo") => Parse(File.ReadAllText(path));

    public static IReadOnlyList<MountInfoEntry> Parse(string text)
    {
        var list = new List<MountInfoEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            var sep = Array.IndexOf(f, "-");
            if (f.Length < 10 || sep < 6 || sep + 3 >= f.Length) continue;
            list.Add(new MountInfoEntry(int.Parse(f[0]), int.Parse(f[1]), Unescape(f[3]), Unescape(f[4]), f[5],
                string.Join(' ', f[6..sep]), f[sep + 1], Unescape(f[sep + 2]), f[sep + 3]));
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
