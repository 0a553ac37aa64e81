using Berth.Oci;

namespace Berth.Runtime;

/// <summary>Overlays the fields an `update` sets onto the resources a container has.</summary>
public static class ResourceMerge
{
    public static LinuxResources Merge(LinuxResources? current, LinuxResources update)
    {
        var r = current ?? new LinuxResources();
        if (update.Memory is { } m)
        {
            r.Memory ??= new LinuxMemory();
            r.Memory.Limit = m.Limit ?? r.Memory.Limit;
            r.Memory.Reservation = m.Reservation ?? r.Memory.Reservation;
            r.Memory.Swap = m.Swap ?? r.Memory.Swap;
            r.Memory.Swappiness = m.Swappiness ?? r.Memory.Swappiness;
        }
        if (update.Cpu is { } c)
        {
            r.Cpu ??= new LinuxCpu();
            r.Cpu.Shares = c.Shares ?? r.Cpu.Shares;
            r.Cpu.Quota = c.Quota ?? r.Cpu.Quota;
            r.Cpu.Period = c.Period ?? r.Cpu.Period;
            r.Cpu.Cpus = c.Cpus ?? r.Cpu.Cpus;
            r.Cpu.Mems = c.Mems ?? r.Cpu.Mems;
            r.Cpu.RealtimePeriod = c.RealtimePeriod ?? r.Cpu.RealtimePeriod;
            r.Cpu.RealtimeRuntime = c.RealtimeRuntime ?? r.Cpu.RealtimeRuntime;
        }
        if (update.Pids is { } p) r.Pids = p;
        if (update.BlockIO is { } b) r.BlockIO = b;
        if (update.Unified is { } u)
        {
            r.Unified ??= [];
            foreach (var (k, v) in u) r.Unified[k] = v;
        }
        return r;
    }
}
