using System.Text;
using Berth.Core;

namespace Berth.Cgroups;

/// <summary>The cgroup mounts of this mount namespace, read from /proc/self/mountinfo.</summary>
public sealed class CgroupLayout
{
    CgroupLayout(CgroupMode mode, CgroupMount? unified, IReadOnlyDictionary<string, CgroupMount> v1)
    {
        Mode = mode;
        Unified = unified;
        V1 = v1;
    }

    public CgroupMode Mode { get; }

    /// <summary>The cgroup2 mount: every controller on V2, a controller-less side hierarchy on Hybrid, null on V1.</summary>
    public CgroupMount? Unified { get; }

    /// <summary>v1 mounts by controller name ("memory", "cpu", "name=systemd", ...); co-mounted controllers share one entry.</summary>
    public IReadOnlyDictionary<string, CgroupMount> V1 { get; }

    public static CgroupLayout Read(string mountinfoPath = "/proc/self/mountinfo") =>
        Parse(File.ReadAllText(mountinfoPath), mountinfoPath);

    /// <summary>Parses mountinfo text. The first mount of each hierarchy wins, as the kernel lists them in mount order.</summary>
    public static CgroupLayout Parse(string mountinfo, string source = "mountinfo")
    {
        CgroupMount? unified = null;
        var v1 = new Dictionary<string, CgroupMount>(StringComparer.Ordinal);
        foreach (var raw in mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var line = raw.TrimEnd('\r');
            var sep = line.IndexOf(" - ", StringComparison.Ordinal);
            if (sep < 0) continue;
            var left = line[..sep].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var right = line[(sep + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (left.Length < 5 || right.Length < 1) throw BerthException.Invalid($"{source}: malformed line \"{line}\"");
            var fsType = right[0];
            if (fsType is not ("cgroup" or "cgroup2")) continue;
            var root = Unescape(left[3]);
            var mountPoint = Unescape(left[4]);
            if (fsType == "cgroup2")
            {
                unified ??= new CgroupMount(mountPoint, root, true, []);
                continue;
            }
            var controllers = V1Controllers(right.Length > 2 ? right[2] : "");
            if (controllers.Count == 0) continue;
            var mount = new CgroupMount(mountPoint, root, false, controllers);
            foreach (var c in controllers) v1.TryAdd(c, mount);
        }

        var hasV1Controllers = v1.Keys.Any(k => !k.StartsWith("name=", StringComparison.Ordinal));
        CgroupMode mode;
        if (hasV1Controllers) mode = unified is null ? CgroupMode.V1 : CgroupMode.Hybrid;
        else if (unified is not null) mode = CgroupMode.V2;
        else throw BerthException.Precondition($"{source}: no cgroup filesystem is mounted");
        return new CgroupLayout(mode, unified, v1);
    }

    static readonly HashSet<string> MountOptions = new(StringComparer.Ordinal)
    {
        "rw", "ro", "noprefix", "clone_children", "xattr", "cpuset_v2_mode", "favordynmods", "nosuid", "nodev", "noexec", "relatime",
    };

    static List<string> V1Controllers(string superOptions) =>
        superOptions.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Where(o => o.StartsWith("name=", StringComparison.Ordinal) || (!MountOptions.Contains(o) && !o.Contains('=')))
            .ToList();

    /// <summary>mountinfo escapes space, tab, newline and backslash as \ooo.</summary>
    static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var sb = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                sb.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(field[i]);
        }
        return sb.ToString();
    }

    static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '7' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
