namespace Berth.Cgroups;

/// <summary>
/// A snapshot of one cgroup's counters. Missing files (controller not mounted or not enabled) read as 0.
/// Limits are null when unlimited. Swap figures are swap alone on both versions (v1: memsw minus memory).
/// </summary>
public sealed record CgroupStats
{
    public ulong CpuUsageTotalNs { get; init; }
    public ulong CpuUsageUserNs { get; init; }
    public ulong CpuUsageSystemNs { get; init; }

    public ulong MemoryUsageBytes { get; init; }
    public ulong? MemoryLimitBytes { get; init; }
    public ulong MemoryMaxUsageBytes { get; init; }
    public ulong MemoryCacheBytes { get; init; }
    public ulong MemoryRssBytes { get; init; }
    public ulong SwapUsageBytes { get; init; }
    public ulong? SwapLimitBytes { get; init; }

    public ulong PidsCurrent { get; init; }
    public ulong? PidsLimit { get; init; }

    public ulong BlkioReadBytes { get; init; }
    public ulong BlkioWriteBytes { get; init; }

    public ulong OomKillCount { get; init; }
}
