using Berth.Cgroups.Internal;

namespace Berth.Cgroups.V2;

/// <summary>Collects <see cref="CgroupStats"/> from cpu.stat, memory.*, pids.*, io.stat and memory.events.</summary>
internal static class V2StatsReader
{
    public static CgroupStats Read(string dir)
    {
        var cpu = CgroupFile.ReadKeyValues(dir, "cpu.stat");
        var memStat = CgroupFile.ReadKeyValues(dir, "memory.stat");
        var (read, write) = StatsParsing.IoStatBytes(CgroupFile.TryRead(dir, "io.stat"));
        return new CgroupStats
        {
            CpuUsageTotalNs = StatsParsing.Get(cpu, "usage_usec") * 1000,
            CpuUsageUserNs = StatsParsing.Get(cpu, "user_usec") * 1000,
            CpuUsageSystemNs = StatsParsing.Get(cpu, "system_usec") * 1000,
            MemoryUsageBytes = StatsParsing.U(CgroupFile.TryReadLong(dir, V2Memory.Current)),
            MemoryLimitBytes = StatsParsing.Limit(CgroupFile.TryReadLong(dir, V2Memory.Max)),
            MemoryMaxUsageBytes = StatsParsing.U(CgroupFile.TryReadLong(dir, "memory.peak")),
            MemoryCacheBytes = StatsParsing.Get(memStat, "file"),
            MemoryRssBytes = StatsParsing.Get(memStat, "anon"),
            SwapUsageBytes = StatsParsing.U(CgroupFile.TryReadLong(dir, "memory.swap.current")),
            SwapLimitBytes = StatsParsing.Limit(CgroupFile.TryReadLong(dir, V2Memory.SwapMax)),
            PidsCurrent = StatsParsing.U(CgroupFile.TryReadLong(dir, "pids.current")),
            PidsLimit = StatsParsing.Limit(CgroupFile.TryReadLong(dir, "pids.max")),
            BlkioReadBytes = read,
            BlkioWriteBytes = write,
            OomKillCount = StatsParsing.Get(CgroupFile.ReadKeyValues(dir, "memory.events"), "oom_kill"),
        };
    }
}
