using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups.V1;

/// <summary>The v1 blkio controller: blkio.weight (CFQ) or blkio.bfq.weight (BFQ), blkio.leaf_weight.</summary>
internal sealed class V1Blkio(string dir)
{
    public const string Weight = "blkio.weight", BfqWeight = "blkio.bfq.weight", LeafWeight = "blkio.leaf_weight";

    public void Apply(LinuxBlockIO b)
    {
        if (b.Weight is { } w && w != 0)
        {
            var file = CgroupFile.Exists(dir, Weight) ? Weight : CgroupFile.Exists(dir, BfqWeight) ? BfqWeight
                : throw BerthException.Precondition($"blockIO.weight needs {Weight} or {BfqWeight} in {dir} (no CFQ/BFQ I/O scheduler)");
            CgroupFile.Write(dir, file, CgroupFile.Format(w));
        }
        if (b.LeafWeight is { } lw && lw != 0) CgroupFile.Write(dir, LeafWeight, CgroupFile.Format(lw));
    }
}
