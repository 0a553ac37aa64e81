using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Cgroups.V1;

/// <summary>The v1 cpu controller: cpu.shares, cpu.cfs_period_us/quota_us/burst_us, cpu.rt_*, cpu.idle.</summary>
internal sealed class V1Cpu(string dir)
{
    public const string Shares = "cpu.shares", Period = "cpu.cfs_period_us", Quota = "cpu.cfs_quota_us", Burst = "cpu.cfs_burst_us",
        RtPeriod = "cpu.rt_period_us", RtRuntime = "cpu.rt_runtime_us", Idle = "cpu.idle";

    public void Apply(LinuxCpu c)
    {
        if (c.Shares is { } shares && shares != 0)
        {
            CgroupFile.Write(dir, Shares, CgroupFile.Format(shares));
            // The kernel clamps out-of-range shares silently; say so instead.
            var actual = CgroupFile.TryReadLong(dir, Shares);
            if (actual is { } a && (ulong)a != shares)
                throw BerthException.Invalid($"cpu.shares {shares} is out of range: the kernel set {a} (range 2..262144)");
        }

        long quota = c.Quota ?? 0;
        ulong period = c.Period ?? 0;
        if (quota > 0 && c.Burst is { } b && b > (ulong)quota)
            throw BerthException.Invalid($"cpu.burst ({b}) must not exceed cpu.quota ({quota})");
        WritePair(period == 0 ? null : CgroupFile.Format(period), Period, quota == 0 ? null : CgroupFile.Format(quota), Quota);
        if (c.Burst is { } burst) CgroupFile.Write(dir, Burst, CgroupFile.Format(burst));

        WritePair(c.RealtimePeriod is { } rp && rp != 0 ? CgroupFile.Format(rp) : null, RtPeriod,
            c.RealtimeRuntime is { } rr && rr != 0 ? CgroupFile.Format(rr) : null, RtRuntime);
        if (c.Idle is { } idle) CgroupFile.Write(dir, Idle, CgroupFile.Format(idle));
    }

    /// <summary>
    /// Writes period then runtime/quota. The kernel refuses a period that would make the current quota invalid
    /// (EINVAL); then the quota goes first and the period after, as runc does.
    /// </summary>
    void WritePair(string? period, string periodFile, string? quota, string quotaFile)
    {
        var quotaDone = false;
        if (period is not null)
        {
            try { CgroupFile.Write(dir, periodFile, period); }
            catch (LinuxException e) when (e.ErrorNumber == Errno.EINVAL && quota is not null)
            {
                CgroupFile.Write(dir, quotaFile, quota);
                CgroupFile.Write(dir, periodFile, period);
                quotaDone = true;
            }
        }
        if (quota is not null && !quotaDone) CgroupFile.Write(dir, quotaFile, quota);
    }
}
