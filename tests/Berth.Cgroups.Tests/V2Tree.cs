using Berth.Cgroups.V2;

namespace Berth.Cgroups.Tests;

/// <summary>A temp directory laid out like a cgroup2 mount: &lt;root&gt;/svc (the runtime's own cgroup)/berth/c1, with interface files.</summary>
public sealed class V2Tree : IDisposable
{
    public static readonly (string File, string Content)[] LeafFiles =
    [
        ("cgroup.procs", ""), ("cgroup.controllers", "cpuset cpu io memory hugetlb pids"), ("cgroup.subtree_control", ""),
        ("cgroup.freeze", "0"), ("cgroup.events", "populated 0\nfrozen 0\n"),
        ("memory.max", "max"), ("memory.swap.max", "max"), ("memory.low", "0"), ("memory.current", "0"),
        ("cpu.weight", "100"), ("cpu.max", "max 100000"), ("cpu.max.burst", "0"), ("cpu.idle", "0"),
        ("cpuset.cpus", ""), ("cpuset.mems", ""), ("pids.max", "max"), ("io.weight", "default 100"),
        ("hugetlb.2MB.max", "max"), ("hugetlb.2MB.rsvd.max", "max"), ("memory.high", "max"),
    ];

    readonly TempTree tree = new();

    public V2Tree()
    {
        tree.Files("svc", ("cgroup.procs", ""), ("cgroup.controllers", "cpuset cpu io memory hugetlb pids"), ("cgroup.subtree_control", ""));
        tree.Files("svc/berth", ("cgroup.procs", ""), ("cgroup.controllers", ""), ("cgroup.subtree_control", ""));
        tree.Files("svc/berth/c1", LeafFiles);
    }

    public string Root => tree.Root;
    public string Base => Path.Combine(tree.Root, "svc");
    public string Dir => Path.Combine(tree.Root, "svc", "berth", "c1");

    public CgroupV2Manager Manager() => new(Dir, Base);

    public string Read(string file) => File.ReadAllText(Path.Combine(Dir, file)).Trim();

    public void Write(string file, string content) => File.WriteAllText(Path.Combine(Dir, file), content);

    public void Dispose() => tree.Dispose();
}
