using Berth.Core;
using Berth.Linux;

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
        foreach (var m in MountInfo.Parse(mountinfo, source))
        {
            if (m.FsType is not ("cgroup" or "cgroup2")) continue;
            if (m.FsType == "cgroup2")
            {
                unified ??= new CgroupMount(m.MountPoint, m.Root, true, []);
                continue;
            }
            var controllers = V1Controllers(m.SuperOptions);
            if (controllers.Count == 0) continue;
            var mount = new CgroupMount(m.MountPoint, m.Root, false, controllers);
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
}
