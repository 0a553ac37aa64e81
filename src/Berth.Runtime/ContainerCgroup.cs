using Berth.Cgroups;
using Berth.Oci;
using Berth.Runtime.Rootfs;

namespace Berth.Runtime;

/// <summary>Making and reopening a container's cgroup the way the runtime stores it (location JSON in state.json).</summary>
public static class ContainerCgroup
{
    /// <summary>Creates the cgroup and applies the limits, plus the device rules runc always allows.</summary>
    public static ICgroupManager Create(string id, string? cgroupsPath, LinuxResources? resources, Action<string> warn)
    {
        var m = CgroupManagers.ForContainer(cgroupsPath, id);
        m.Create();
        try
        {
            m.Apply(WithDefaultDevices(resources));
            foreach (var w in m.Warnings) warn(w);
            return m;
        }
        catch
        {
            m.Destroy(killProcesses: false);
            throw;
        }
    }

    public static ICgroupManager Open(string location) => CgroupManagers.Open(CgroupLocation.FromJson(location));

    public static bool IsFrozen(this ICgroupManager m) => m.FreezerState == FreezerState.Frozen;

    /// <summary>The resources with runc's always-allowed device rules after the spec's own (a copy; the spec is untouched).
    /// Without device rules the device cgroup stays open and nothing is added.</summary>
    public static LinuxResources? WithDefaultDevices(LinuxResources? r)
    {
        if (r?.Devices is not { Count: > 0 }) return r;
        var copy = new LinuxResources
        {
            Memory = r.Memory, Cpu = r.Cpu, Pids = r.Pids, BlockIO = r.BlockIO, HugepageLimits = r.HugepageLimits,
            Rdma = r.Rdma, Unified = r.Unified, Devices = [.. r.Devices, .. Devices.AllowRules()],
        };
        return copy;
    }
}
