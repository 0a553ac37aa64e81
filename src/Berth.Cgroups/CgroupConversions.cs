using System.Globalization;
using Berth.Core;

namespace Berth.Cgroups;

/// <summary>The value mappings between OCI (v1-shaped) resources and cgroup v2 files, as runc does them.</summary>
public static class CgroupConversions
{
    /// <summary>cpu.shares [2, 262144] → cpu.weight [1, 10000]: 1 + ((shares - 2) * 9999) / 262142; 0 stays 0 (unset).</summary>
    public static ulong CpuSharesToWeight(ulong shares)
    {
        if (shares == 0) return 0;
        shares = Math.Clamp(shares, 2UL, 262144UL);
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    /// <summary>blkio.weight [10, 1000] → io.weight [1, 10000]: 1 + ((weight - 10) * 9999) / 990; 0 stays 0 (unset).</summary>
    public static ulong BlkioWeightToIoWeight(ulong weight)
    {
        if (weight == 0) return 0;
        weight = Math.Clamp(weight, 10UL, 1000UL);
        return 1 + ((weight - 10) * 9999) / 990;
    }

    /// <summary>
    /// OCI swap is the memory+swap total (v1 memsw); v2's memory.swap.max is swap alone, so it gets swap - limit.
    /// 0 means unset and -1 unlimited; memory -1 with swap unset means both unlimited (v1 compatibility).
    /// </summary>
    public static long SwapToV2(long swap, long limit)
    {
        if (limit == -1 && swap == 0) return -1;
        if (swap is -1 or 0) return swap;
        if (limit is 0 or -1) throw BerthException.Invalid("memory.swap: a swap limit needs a memory limit");
        if (limit < 0) throw BerthException.Invalid($"memory.limit: invalid value {limit}");
        if (swap < limit) throw BerthException.Invalid($"memory.swap ({swap}) is memory+swap and must be >= memory.limit ({limit})");
        return swap - limit;
    }

    /// <summary>A v2 limit file's text: 0 → null (leave the file alone), -1 → "max", else the number.</summary>
    public static string? LimitToV2(long value) => value switch
    {
        0 => null,
        -1 => "max",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The hugepage size as it appears in hugetlb file names ("2MB", "1GB", "64KB"); rejects anything else.</summary>
    public static string HugepageSize(string pageSize)
    {
        var ok = pageSize.Length > 2 && (pageSize.EndsWith("KB", StringComparison.Ordinal) || pageSize.EndsWith("MB", StringComparison.Ordinal) || pageSize.EndsWith("GB", StringComparison.Ordinal))
            && pageSize[..^2].All(char.IsAsciiDigit);
        return ok ? pageSize : throw BerthException.Invalid($"hugepageLimits: invalid pageSize \"{pageSize}\" (expected <n>KB, <n>MB or <n>GB)");
    }
}
