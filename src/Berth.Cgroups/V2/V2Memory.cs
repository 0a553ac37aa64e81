using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups.V2;

/// <summary>The v2 memory controller: memory.max, memory.swap.max (= OCI swap - limit), memory.low.</summary>
internal sealed class V2Memory(string dir)
{
    public const string Max = "memory.max", SwapMax = "memory.swap.max", Low = "memory.low", Current = "memory.current";

    public void Apply(LinuxMemory m, List<string> warnings)
    {
        long limit = m.Limit ?? 0, swap = m.Swap ?? 0;
        var swapV2 = CgroupConversions.SwapToV2(swap, limit);
        var swapText = CgroupConversions.LimitToV2(swapV2);
        // swap == limit: no swap at all; 0 would otherwise read as "unset".
        if (swapText is null && swapV2 == 0 && swap > 0) swapText = "0";

        if (m.CheckBeforeUpdate == true && limit > 0 && CgroupFile.TryReadLong(dir, Current) is { } usage && usage > limit)
            throw BerthException.Precondition($"rejecting memory limit {limit}: below the current usage {usage} ({Path.Combine(dir, Current)})");

        if (swapText is not null)
        {
            if (CgroupFile.Exists(dir, SwapMax)) V2Files.Write(dir, SwapMax, swapText);
            else if (swapText is not ("max" or "0"))
                throw BerthException.Precondition($"a swap limit was requested but {Path.Combine(dir, SwapMax)} is missing (kernel without swap accounting)");
        }
        if (CgroupConversions.LimitToV2(limit) is { } max) V2Files.Write(dir, Max, max);
        if (m.Reservation is { } r && CgroupConversions.LimitToV2(r) is { } low) V2Files.Write(dir, Low, low);

        if (m.Kernel is { } k && k != 0) warnings.Add("memory.kernel is not supported on cgroup v2 and was ignored");
        if (m.KernelTCP is { } kt && kt != 0) warnings.Add("memory.kernelTCP is not supported on cgroup v2 and was ignored");
        if (m.Swappiness is { } s && s != 0) warnings.Add("memory.swappiness is not supported on cgroup v2 and was ignored");
        if (m.DisableOOMKiller == true) warnings.Add("memory.disableOOMKiller is not supported on cgroup v2 and was ignored");
    }
}
