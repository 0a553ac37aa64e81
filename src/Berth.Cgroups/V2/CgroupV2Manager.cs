using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups.V2;

/// <summary>A container cgroup on the unified (v2) hierarchy: one directory.</summary>
public sealed class CgroupV2Manager : CgroupManager
{
    readonly string dir;
    readonly string basePath;

    /// <param name="path">The container's cgroup directory.</param>
    /// <param name="basePath">
    /// The runtime's own cgroup (an ancestor of path): Create enables controllers from here down to path's parent.
    /// Null means path's parent.
    /// </param>
    public CgroupV2Manager(string path, string? basePath = null)
    {
        dir = Path.TrimEndingDirectorySeparator(path);
        var parent = Path.GetDirectoryName(dir) ?? throw BerthException.Invalid($"cgroup path {path} has no parent");
        basePath = basePath is null ? parent : Path.TrimEndingDirectorySeparator(basePath);
        if (basePath != parent && !parent.StartsWith(basePath + "/", StringComparison.Ordinal) && basePath != "/")
            throw BerthException.Invalid($"cgroup base {basePath} is not an ancestor of {dir}");
        this.basePath = basePath;
    }

    public override CgroupMode Mode => CgroupMode.V2;
    public override CgroupLocation Location => new() { Mode = CgroupMode.V2, Path = dir, Base = basePath };

    public override void Create()
    {
        var found = new List<string>();
        // Levels from the base down to the container's parent: each must delegate controllers to the next.
        var levels = new List<string>();
        for (var d = Path.GetDirectoryName(dir)!; ; d = Path.GetDirectoryName(d)!)
        {
            levels.Add(d);
            if (d == basePath || Path.GetDirectoryName(d) is null) break;
        }
        levels.Reverse();
        foreach (var level in levels)
        {
            MakeDirectory(level);
            V2Subtree.Enable(level, found);
        }
        MakeDirectory(dir);
        foreach (var w in found) Warn(w);
    }

    static void MakeDirectory(string path)
    {
        try { Directory.CreateDirectory(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BerthException(ErrorKind.Unknown, $"mkdir {path}: {e.Message}", e);
        }
    }

    private protected override void ApplyResources(LinuxResources r, List<string> warnings)
    {
        if (r.Memory is { } m) new V2Memory(dir).Apply(m, warnings);
        if (r.Cpu is { } c) new V2Cpu(dir).Apply(c);
        if (r.Pids is { } p && PidsLimit.Text(p) is { } pids) V2Files.Write(dir, PidsLimit.File, pids);
        if (r.BlockIO is { } b) new V2Io(dir).Apply(b, warnings);
        if (r.HugepageLimits is { Count: > 0 } h) new V2Hugetlb(dir).Apply(h);
        if (r.Devices is { Count: > 0 })
            warnings.Add("linux.resources.devices is not enforced on cgroup v2 yet (device rules need an eBPF program)");
        if (r.Unified is { Count: > 0 } u) new V2Unified(dir).Apply(u);
    }

    public override void Freeze() => new V2Freezer(dir).Set(true, FreezeTimeout);
    public override void Thaw() => new V2Freezer(dir).Set(false, FreezeTimeout);
    public override FreezerState FreezerState => new V2Freezer(dir).Read();

    public override CgroupStats Stats() => V2StatsReader.Read(dir);

    public override ulong OomKillCount => StatsParsing.Get(CgroupFile.ReadKeyValues(dir, "memory.events"), "oom_kill");

    /// <summary>cgroup.kill (Linux 5.14) kills the whole subtree atomically; older kernels get freeze, kill, thaw.</summary>
    private protected override void KillAll(DateTime deadline)
    {
        if (CgroupFile.Exists(dir, "cgroup.kill")) CgroupFile.Write(dir, "cgroup.kill", "1");
        else base.KillAll(deadline);
    }
}
