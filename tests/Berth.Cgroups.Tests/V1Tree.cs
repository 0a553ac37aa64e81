using Berth.Cgroups.V1;

namespace Berth.Cgroups.Tests;

/// <summary>A temp directory laid out like v1 hierarchies: &lt;root&gt;/&lt;controller&gt;/berth/c1, with the files a kernel would show.</summary>
public sealed class V1Tree : IDisposable
{
    public const string Unlimited = "9223372036854771712";

    public static readonly Dictionary<string, (string File, string Content)[]> DefaultFiles = new()
    {
        ["memory"] =
        [
            ("memory.limit_in_bytes", Unlimited), ("memory.memsw.limit_in_bytes", Unlimited), ("memory.soft_limit_in_bytes", Unlimited),
            ("memory.kmem.tcp.limit_in_bytes", Unlimited), ("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n"),
            ("memory.swappiness", "60"), ("memory.use_hierarchy", "1"), ("memory.usage_in_bytes", "0"), ("memory.max_usage_in_bytes", "0"),
            ("memory.memsw.usage_in_bytes", "0"), ("memory.stat", "cache 0\nrss 0\n"),
        ],
        ["cpu"] =
        [
            ("cpu.shares", "1024"), ("cpu.cfs_period_us", "100000"), ("cpu.cfs_quota_us", "-1"), ("cpu.cfs_burst_us", "0"),
            ("cpu.rt_period_us", "1000000"), ("cpu.rt_runtime_us", "0"), ("cpu.idle", "0"),
        ],
        ["cpuacct"] = [("cpuacct.usage", "0"), ("cpuacct.stat", "user 0\nsystem 0\n")],
        ["cpuset"] = [("cpuset.cpus", ""), ("cpuset.mems", "")],
        ["pids"] = [("pids.max", "max"), ("pids.current", "0")],
        ["blkio"] = [("blkio.weight", "500"), ("blkio.leaf_weight", "500"), ("blkio.throttle.io_service_bytes_recursive", "Total 0\n")],
        ["hugetlb"] = [("hugetlb.2MB.limit_in_bytes", Unlimited), ("hugetlb.2MB.rsvd.limit_in_bytes", Unlimited), ("hugetlb.1GB.limit_in_bytes", Unlimited)],
        ["devices"] = [("devices.allow", ""), ("devices.deny", "")],
        ["freezer"] = [("freezer.state", "THAWED")],
    };

    readonly TempTree tree = new();

    public V1Tree(params string[] controllers)
    {
        if (controllers.Length == 0) controllers = DefaultFiles.Keys.ToArray();
        foreach (var c in controllers)
        {
            tree.Files(c, ("cgroup.procs", ""));
            if (c == "cpuset") tree.Files(c, ("cpuset.cpus", "0-3\n"), ("cpuset.mems", "0\n"));
            tree.Files($"{c}/berth", c == "cpuset" ? [("cgroup.procs", ""), ("cpuset.cpus", "\n"), ("cpuset.mems", "\n")] : [("cgroup.procs", "")]);
            tree.Files($"{c}/berth/c1", [("cgroup.procs", ""), .. DefaultFiles[c]]);
            Paths[c] = Path.Combine(tree.Root, c, "berth", "c1");
        }
    }

    public Dictionary<string, string> Paths { get; } = new();

    public string Root => tree.Root;

    public CgroupV1Manager Manager() => new(Paths);

    /// <summary>Reads &lt;controller&gt;/berth/c1/&lt;file&gt;, trimmed.</summary>
    public string Read(string controller, string file) => File.ReadAllText(Path.Combine(Paths[controller], file)).Trim();

    public void Write(string controller, string file, string content) => File.WriteAllText(Path.Combine(Paths[controller], file), content);

    public void Dispose() => tree.Dispose();
}
