using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups.V2;

/// <summary>The v2 cpu controller: cpu.weight (from shares), cpu.max "quota period", cpu.max.burst, cpu.idle.</summary>
internal sealed class V2Cpu(string dir)
{
    public const string Weight = "cpu.weight", Max = "cpu.max", MaxBurst = "cpu.max.burst", Idle = "cpu.idle";

    public void Apply(LinuxCpu c)
    {
        if (c.RealtimePeriod is > 0 || c.RealtimeRuntime is not (null or 0))
            throw BerthException.Invalid("linux.resources.cpu.realtimePeriod/realtimeRuntime are not supported on cgroup v2");
        if (c.Idle is { } idle) V2Files.Write(dir, Idle, CgroupFile.Format(idle));
        if (c.Shares is { } shares && shares != 0) V2Files.Write(dir, Weight, CgroupFile.Format(CgroupConversions.CpuSharesToWeight(shares)));

        long quota = c.Quota ?? 0;
        ulong period = c.Period ?? 0;
        if (quota > 0 && c.Burst is { } b && b > (ulong)quota)
            throw BerthException.Invalid($"cpu.burst ({b}) must not exceed cpu.quota ({quota})");
        if (quota != 0 || period != 0)
        {
            // A lone quota keeps the kernel's period; a lone period keeps no quota ("max").
            var text = quota > 0 ? CgroupFile.Format(quota) : "max";
            if (period != 0) text += " " + CgroupFile.Format(period);
            V2Files.Write(dir, Max, text);
        }
        if (c.Burst is { } burst) V2Files.Write(dir, MaxBurst, CgroupFile.Format(burst));
        if (!string.IsNullOrEmpty(c.Cpus)) V2Files.Write(dir, "cpuset.cpus", c.Cpus);
        if (!string.IsNullOrEmpty(c.Mems)) V2Files.Write(dir, "cpuset.mems", c.Mems);
    }
}
