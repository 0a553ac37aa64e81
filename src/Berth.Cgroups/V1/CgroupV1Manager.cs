using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups.V1;

/// <summary>
/// A container cgroup on v1 (or the v1 side of a hybrid host): one directory per hierarchy, given by controller.
/// The cgroup2 side hierarchy of a hybrid host is not used.
/// </summary>
public sealed class CgroupV1Manager : CgroupManager
{
    readonly SortedDictionary<string, string> dirs;
    readonly CgroupMode mode;

    /// <param name="directories">The container's directory in each hierarchy, by controller ("memory" → ".../memory/berth/c1").</param>
    /// <param name="mode">V1 or Hybrid, recorded in <see cref="Location"/>.</param>
    public CgroupV1Manager(IReadOnlyDictionary<string, string> directories, CgroupMode mode = CgroupMode.V1)
    {
        if (mode == CgroupMode.V2) throw new ArgumentException("a v1 manager cannot have mode V2", nameof(mode));
        if (directories.Count == 0) throw BerthException.Precondition("no cgroup v1 controller is mounted");
        dirs = new SortedDictionary<string, string>(directories.ToDictionary(), StringComparer.Ordinal);
        this.mode = mode;
    }

    public override CgroupMode Mode => mode;
    public override CgroupLocation Location => new() { Mode = mode, Paths = new SortedDictionary<string, string>(dirs, StringComparer.Ordinal) };

    string? Dir(string controller) => dirs.GetValueOrDefault(controller);

    string Require(string controller, string what) =>
        Dir(controller) ?? throw BerthException.Precondition($"{what} needs the cgroup v1 {controller} controller, which is not mounted");

    public override void Create()
    {
        foreach (var dir in Location.Directories())
        {
            try { Directory.CreateDirectory(dir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BerthException(ErrorKind.Unknown, $"mkdir {dir}: {e.Message}", e);
            }
        }
        if (Dir("cpuset") is { } cpuset) new V1Cpuset(cpuset).Inherit();
    }

    private protected override void ApplyResources(LinuxResources r, List<string> warnings)
    {
        if (r.Unified is { Count: > 0 })
            throw BerthException.Invalid($"linux.resources.unified needs cgroup v2, but this host uses cgroup v1 ({mode}); drop the unified settings");
        if (r.Memory is { } m && SetsAnything(m)) new V1Memory(Require("memory", "linux.resources.memory")).Apply(m, warnings);
        if (r.Cpu is { } c)
        {
            if (c.Shares is > 0 || c.Quota is not (null or 0) || c.Period is > 0 || c.Burst is not null
                || c.RealtimePeriod is > 0 || c.RealtimeRuntime is not (null or 0) || c.Idle is not null)
                new V1Cpu(Require("cpu", "linux.resources.cpu")).Apply(c);
            if (!string.IsNullOrEmpty(c.Cpus) || !string.IsNullOrEmpty(c.Mems))
                new V1Cpuset(Require("cpuset", "linux.resources.cpu.cpus/mems")).Apply(c);
        }
        if (r.Pids is { } p && PidsLimit.Text(p) is { } pids) CgroupFile.Write(Require("pids", "linux.resources.pids"), PidsLimit.File, pids);
        if (r.BlockIO is { } b && (b.Weight is > 0 || b.LeafWeight is > 0)) new V1Blkio(Require("blkio", "linux.resources.blockIO")).Apply(b);
        if (r.HugepageLimits is { Count: > 0 } h) new V1Hugetlb(Require("hugetlb", "linux.resources.hugepageLimits")).Apply(h);
        if (r.Devices is { Count: > 0 } d) new V1Devices(Require("devices", "linux.resources.devices")).Apply(d);
    }

    static bool SetsAnything(LinuxMemory m) =>
        m.Limit is not (null or 0) || m.Swap is not (null or 0) || m.Reservation is not (null or 0) || m.Kernel is not (null or 0)
        || m.KernelTCP is not (null or 0) || m.Swappiness is not null || m.DisableOOMKiller == true || m.UseHierarchy is not null;

    public override void Freeze() =>
        new V1Freezer(Dir("freezer") ?? throw NoFreezer()).Set(FreezerState.Frozen, FreezeTimeout);

    public override void Thaw() =>
        new V1Freezer(Dir("freezer") ?? throw NoFreezer()).Set(FreezerState.Thawed, FreezeTimeout);

    static BerthException NoFreezer() => new(ErrorKind.NotImplemented, "the cgroup v1 freezer controller is not mounted");

    public override FreezerState FreezerState => Dir("freezer") is { } f ? new V1Freezer(f).Read() : FreezerState.Undefined;

    public override CgroupStats Stats() => V1StatsReader.Read(dirs);

    public override ulong OomKillCount =>
        Dir("memory") is { } m ? StatsParsing.Get(CgroupFile.ReadKeyValues(m, V1Memory.OomControl), "oom_kill") : 0;
}
