using Berth.Cgroups.Internal;
using Berth.Oci;

namespace Berth.Cgroups.V2;

/// <summary>The v2 io controller: io.bfq.weight (same 10..1000 scale as v1) when BFQ is there, else io.weight (converted to 1..10000).</summary>
internal sealed class V2Io(string dir)
{
    public const string Weight = "io.weight", BfqWeight = "io.bfq.weight";

    public void Apply(LinuxBlockIO b, List<string> warnings)
    {
        if (b.Weight is { } w && w != 0)
        {
            if (CgroupFile.Exists(dir, BfqWeight)) V2Files.Write(dir, BfqWeight, CgroupFile.Format(w));
            else V2Files.Write(dir, Weight, CgroupFile.Format(CgroupConversions.BlkioWeightToIoWeight(w)));
        }
        if (b.LeafWeight is { } lw && lw != 0) warnings.Add("blockIO.leafWeight is not supported on cgroup v2 and was ignored");
    }
}
