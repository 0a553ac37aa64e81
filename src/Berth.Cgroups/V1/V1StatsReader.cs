using Berth.Cgroups.Internal;

namespace Berth.Cgroups.V1;

/// <summary>Collects <see cref="CgroupStats"/> from the v1 cpuacct, memory, pids and blkio hierarchies.</summary>
internal static class V1StatsReader
{
    /// <summary>USER_HZ, the unit of cpuacct.stat; 100 on every Linux architecture Berth targets.</summary>
    const ulong ClockTicks = 100;

    public static CgroupStats Read(IReadOnlyDictionary<string, string> dirs)
    {
        var stats = new CgroupStats();
        if (dirs.TryGetValue("cpuacct", out var cpuacct)) stats = Cpu(stats, cpuacct);
        if (dirs.TryGetValue("memory", out var memory)) stats = Memory(stats, memory);
        if (dirs.TryGetValue("pids", out var pids))
            stats = stats with
            {
                PidsCurrent = StatsParsing.U(CgroupFile.TryReadLong(pids, "pids.current")),
                PidsLimit = StatsParsing.Limit(CgroupFile.TryReadLong(pids, "pids.max")),
            };
        if (dirs.TryGetValue("blkio", out var blkio))
        {
            var text = CgroupFile.TryRead(blkio, "blkio.throttle.io_service_bytes_recursive")
                ?? CgroupFile.TryRead(blkio, "blkio.io_service_bytes_recursive")
                ?? CgroupFile.TryRead(blkio, "blkio.throttle.io_service_bytes");
            var (read, write) = StatsParsing.BlkioServiceBytes(text);
            stats = stats with { BlkioReadBytes = read, BlkioWriteBytes = write };
        }
        return stats;
    }

    static CgroupStats Cpu(CgroupStats stats, string dir)
    {
        ulong user, system;
        if (CgroupFile.Exists(dir, "cpuacct.usage_user"))
        {
            user = StatsParsing.U(CgroupFile.TryReadLong(dir, "cpuacct.usage_user"));
            system = StatsParsing.U(CgroupFile.TryReadLong(dir, "cpuacct.usage_sys"));
        }
        else
        {
            var ticks = CgroupFile.ReadKeyValues(dir, "cpuacct.stat");
            user = StatsParsing.Get(ticks, "user") * (1_000_000_000 / ClockTicks);
            system = StatsParsing.Get(ticks, "system") * (1_000_000_000 / ClockTicks);
        }
        return stats with
        {
            CpuUsageTotalNs = StatsParsing.U(CgroupFile.TryReadLong(dir, "cpuacct.usage")),
            CpuUsageUserNs = user,
            CpuUsageSystemNs = system,
        };
    }

    static CgroupStats Memory(CgroupStats stats, string dir)
    {
        var stat = CgroupFile.ReadKeyValues(dir, "memory.stat");
        var usage = StatsParsing.U(CgroupFile.TryReadLong(dir, "memory.usage_in_bytes"));
        var limit = StatsParsing.Limit(CgroupFile.TryReadLong(dir, V1Memory.Limit));
        var memsw = CgroupFile.TryReadLong(dir, "memory.memsw.usage_in_bytes");
        var memswLimit = StatsParsing.Limit(CgroupFile.TryReadLong(dir, V1Memory.MemSwLimit));
        return stats with
        {
            MemoryUsageBytes = usage,
            MemoryLimitBytes = limit,
            MemoryMaxUsageBytes = StatsParsing.U(CgroupFile.TryReadLong(dir, "memory.max_usage_in_bytes")),
            MemoryCacheBytes = stat.ContainsKey("total_cache") ? StatsParsing.Get(stat, "total_cache") : StatsParsing.Get(stat, "cache"),
            MemoryRssBytes = stat.ContainsKey("total_rss") ? StatsParsing.Get(stat, "total_rss") : StatsParsing.Get(stat, "rss"),
            SwapUsageBytes = memsw is { } sw && (ulong)Math.Max(sw, 0) > usage ? (ulong)sw - usage : 0,
            SwapLimitBytes = memswLimit is { } ml && limit is { } l && ml >= l ? ml - l : null,
            OomKillCount = StatsParsing.Get(CgroupFile.ReadKeyValues(dir, V1Memory.OomControl), "oom_kill"),
        };
    }
}
