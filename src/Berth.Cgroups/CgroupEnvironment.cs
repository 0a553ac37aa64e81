using System.Globalization;
using Berth.Cgroups.Internal;
using Berth.Core;

namespace Berth.Cgroups;

/// <summary>
/// Where cgroups are mounted and where this process sits in them: everything the factory needs to place a
/// container's cgroup under the runtime's own cgroup.
/// </summary>
/// <remarks>
/// On cgroup v2 a cgroup with processes cannot delegate controllers to children (the no-internal-processes rule).
/// A long-lived process that creates container cgroups beside itself first moves itself into a leaf named
/// <see cref="SelfLeaf"/> (<see cref="MoveSelfToLeaf"/>); its own cgroup for placement is then the leaf's parent,
/// for it and for every child process (berth-runtime) that inherits the leaf.
/// On Hybrid hosts the cgroup2 side hierarchy is not used at all: controllers, limits and process tracking are v1's.
/// </remarks>
public sealed class CgroupEnvironment
{
    /// <summary>The leaf name a daemon moves itself into on cgroup v2.</summary>
    public const string DefaultSelfLeaf = "berth-self";

    /// <summary>The v1 controllers Berth creates directories for (named hierarchies such as name=systemd are left alone).</summary>
    public static readonly IReadOnlyList<string> V1Controllers =
        ["cpu", "cpuacct", "cpuset", "memory", "pids", "devices", "freezer", "blkio", "hugetlb", "net_cls", "net_prio", "perf_event", "rdma", "misc"];

    public CgroupEnvironment(CgroupLayout layout, ProcCgroups self, string selfLeaf = DefaultSelfLeaf)
    {
        Layout = layout;
        Self = self;
        SelfLeaf = selfLeaf;
    }

    public CgroupLayout Layout { get; }
    public ProcCgroups Self { get; }
    public string SelfLeaf { get; }
    public CgroupMode Mode => Layout.Mode;

    /// <summary>Reads /proc/self/mountinfo and /proc/self/cgroup.</summary>
    public static CgroupEnvironment Detect(string selfLeaf = DefaultSelfLeaf) =>
        new(CgroupLayout.Read(), ProcCgroups.Read(), selfLeaf);

    /// <summary>From fixture text (tests) or from another process's files.</summary>
    public static CgroupEnvironment Parse(string mountinfo, string procCgroup, string selfLeaf = DefaultSelfLeaf) =>
        new(CgroupLayout.Parse(mountinfo), ProcCgroups.Parse(procCgroup), selfLeaf);

    /// <summary>V1/Hybrid: the directory of this process's cgroup in the hierarchy holding controller.</summary>
    public string OwnDirectory(string controller)
    {
        if (!Layout.V1.TryGetValue(controller, out var mount))
            throw BerthException.NotFound($"cgroup v1 controller {controller} is not mounted");
        var path = Self.PathOf(controller)
            ?? throw BerthException.NotFound($"/proc/self/cgroup has no line for the {controller} hierarchy");
        return mount.DirectoryOf(path);
    }

    /// <summary>V1/Hybrid: own directory of every mounted controller Berth manages, by controller.</summary>
    public IReadOnlyDictionary<string, string> OwnV1Directories()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in V1Controllers)
            if (Layout.V1.ContainsKey(c) && Self.PathOf(c) is not null) result[c] = OwnDirectory(c);
        return result;
    }

    /// <summary>V2: the directory of this process's cgroup, or of its parent when this process sits in the self leaf.</summary>
    public string OwnUnifiedDirectory()
    {
        var mount = Layout.Unified ?? throw BerthException.NotFound("no cgroup2 filesystem is mounted");
        var path = Self.UnifiedPath ?? throw BerthException.NotFound("/proc/self/cgroup has no cgroup2 (\"0::\") line");
        var trimmed = "/" + path.Trim('/');
        if (trimmed.EndsWith("/" + SelfLeaf, StringComparison.Ordinal)) trimmed = trimmed[..^(SelfLeaf.Length + 1)];
        return mount.DirectoryOf(trimmed.Length == 0 ? "/" : trimmed);
    }

    /// <summary>
    /// V2: moves this process into the leaf &lt;own cgroup&gt;/&lt;leafName&gt; (created if needed) so that its own cgroup can
    /// enable controllers for container cgroups. Returns the leaf directory; null on V1/Hybrid, which need no leaf.
    /// </summary>
    public string? MoveSelfToLeaf(string? leafName = null) => MoveToLeaf(Environment.ProcessId, leafName);

    /// <summary>As <see cref="MoveSelfToLeaf"/> for the given process (the caller vouches that it owns it).</summary>
    public string? MoveToLeaf(int pid, string? leafName = null)
    {
        if (Mode != CgroupMode.V2) return null;
        var name = leafName ?? SelfLeaf;
        CgroupPaths.ValidateName(name, "leaf name");
        var leaf = Path.Combine(OwnUnifiedDirectory(), name);
        Directory.CreateDirectory(leaf);
        CgroupFile.Write(leaf, "cgroup.procs", pid.ToString(CultureInfo.InvariantCulture));
        return leaf;
    }
}
