using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups.V1;

/// <summary>The v1 memory controller: memory.limit_in_bytes, memory.memsw.limit_in_bytes (OCI swap = memory+swap), soft limit, OOM control, swappiness.</summary>
internal sealed class V1Memory(string dir)
{
    public const string Limit = "memory.limit_in_bytes", MemSwLimit = "memory.memsw.limit_in_bytes", SoftLimit = "memory.soft_limit_in_bytes",
        KernelTcp = "memory.kmem.tcp.limit_in_bytes", OomControl = "memory.oom_control", Swappiness = "memory.swappiness", UseHierarchy = "memory.use_hierarchy";

    public string Dir => dir;

    public void Apply(LinuxMemory m, List<string> warnings)
    {
        long limit = m.Limit ?? 0, swap = m.Swap ?? 0;
        var swapAccounting = CgroupFile.Exists(dir, MemSwLimit);
        // Memory unlimited and swap unset: make memory+swap unlimited too, else the old memsw limit would cap memory.
        if (limit == -1 && swap == 0 && swapAccounting) swap = -1;
        if (limit > 0 && swap > 0 && swap < limit)
            throw BerthException.Invalid($"memory.swap ({swap}) is memory+swap and must be >= memory.limit ({limit})");
        if (swap != 0 && !swapAccounting)
        {
            if (swap != -1)
                throw BerthException.Precondition($"a swap limit was requested but {Path.Combine(dir, MemSwLimit)} is missing (kernel without swap accounting)");
            swap = 0;
        }

        if (limit != 0 && swap != 0)
        {
            // The kernel requires memory <= memsw at every moment: raise memsw first when it grows.
            var current = CgroupFile.TryReadLong(dir, MemSwLimit) ?? long.MaxValue;
            if (swap == -1 || current < swap)
            {
                CgroupFile.Write(dir, MemSwLimit, CgroupFile.Format(swap));
                CgroupFile.Write(dir, Limit, CgroupFile.Format(limit));
            }
            else
            {
                CgroupFile.Write(dir, Limit, CgroupFile.Format(limit));
                CgroupFile.Write(dir, MemSwLimit, CgroupFile.Format(swap));
            }
        }
        else
        {
            if (limit != 0) CgroupFile.Write(dir, Limit, CgroupFile.Format(limit));
            if (swap != 0) CgroupFile.Write(dir, MemSwLimit, CgroupFile.Format(swap));
        }

        if (m.Reservation is { } r && r != 0) CgroupFile.Write(dir, SoftLimit, CgroupFile.Format(r));
        if (m.Kernel is { } k && k != 0) warnings.Add("memory.kernel is deprecated and ignored (the kernel dropped kmem limits)");
        if (m.KernelTCP is { } kt && kt != 0) CgroupFile.Write(dir, KernelTcp, CgroupFile.Format(kt));
        if (m.DisableOOMKiller == true) CgroupFile.Write(dir, OomControl, "1");
        if (m.Swappiness is { } s)
        {
            if (s > 100) throw BerthException.Invalid($"memory.swappiness {s} is out of range 0..100");
            CgroupFile.Write(dir, Swappiness, CgroupFile.Format(s));
        }
        if (m.UseHierarchy is { } h && CgroupFile.Exists(dir, UseHierarchy)) CgroupFile.Write(dir, UseHierarchy, h ? "1" : "0");
    }
}
