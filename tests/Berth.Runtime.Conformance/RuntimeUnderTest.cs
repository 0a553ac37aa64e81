using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>
/// An OCI runtime with runc's command line: berth-runtime (env BERTH_RUNTIME, default artifacts/bin/berth-runtime),
/// runc (from PATH) or crun (from PATH, through scripts/crun-hybrid on a hybrid cgroup layout, which crun 1.8 refuses).
/// </summary>
public sealed record RuntimeUnderTest(string Name, string File, IReadOnlyList<string> PrefixArgs)
{
    public const string Berth = "berth-runtime", Runc = "runc", Crun = "crun";

    public override string ToString() => Name;

    public static RuntimeUnderTest Get(string name)
    {
        switch (name)
        {
            case Berth:
                {
                    var path = Environment.GetEnvironmentVariable("BERTH_RUNTIME") is { Length: > 0 } env
                        ? env
                        : Repo.Path("artifacts", "bin", "berth-runtime");
                    if (!System.IO.File.Exists(path))
                    {
                        Assert.Fail($"berth-runtime not found at {path}: build it with `scripts/install.sh artifacts` " +
                            "(or point BERTH_RUNTIME at it)");
                    }
                    return new(name, path, []);
                }
            case Runc:
                return new(name, OnPath("runc"), []);
            case Crun:
                {
                    var crun = OnPath("crun");
                    if (CgroupLayout.IsHybrid)
                    {
                        // The wrapper execs $CRUN in a private mount namespace without /sys/fs/cgroup/unified.
                        return new(name, Repo.Path("scripts", "crun-hybrid"), []);
                    }
                    return new(name, crun, []);
                }
            default:
                throw new ArgumentException($"unknown runtime {name}", nameof(name));
        }
    }

    static string OnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").Split(':'))
        {
            var candidate = Path.Combine(dir, program);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }
        Assert.Fail($"{program} not found on PATH: install it with `scripts/deps.sh test`");
        return program;
    }
}

/// <summary>How the host mounts cgroups, read from /proc/self/mountinfo.</summary>
public static class CgroupLayout
{
    static readonly Lazy<(bool Hybrid, bool Unified)> Layout = new(Read);

    /// <summary>cgroup v1 controllers plus a cgroup2 at /sys/fs/cgroup/unified.</summary>
    public static bool IsHybrid => Layout.Value.Hybrid;

    /// <summary>Pure cgroup v2 at /sys/fs/cgroup.</summary>
    public static bool IsUnified => Layout.Value.Unified;

    static (bool, bool) Read()
    {
        bool unifiedAtRoot = false, unifiedBeside = false;
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var m = MountInfo.Parse(line);
            if (m is null || m.FsType != "cgroup2")
            {
                continue;
            }
            if (m.MountPoint == "/sys/fs/cgroup")
            {
                unifiedAtRoot = true;
            }
            else if (m.MountPoint == "/sys/fs/cgroup/unified")
            {
                unifiedBeside = true;
            }
        }
        return (unifiedBeside && !unifiedAtRoot, unifiedAtRoot);
    }
}

/// <summary>One line of /proc/PID/mountinfo.</summary>
public sealed record MountInfo(string Root, string MountPoint, string Options, string FsType, string Source, string SuperOptions)
{
    public bool ReadOnly => Options.Split(',').Contains("ro");

    public static MountInfo? Parse(string line)
    {
        // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
        var parts = line.Split(' ');
        var dash = Array.IndexOf(parts, "-");
        if (parts.Length < 10 || dash < 6 || dash + 3 > parts.Length)
        {
            return null;
        }
        return new(Unescape(parts[3]), Unescape(parts[4]), parts[5], parts[dash + 1], parts[dash + 2],
            dash + 3 < parts.Length ? parts[dash + 3] : "");
    }

    static string Unescape(string s) => s.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
