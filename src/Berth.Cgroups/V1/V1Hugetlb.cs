using Berth.Cgroups.Internal;
using Berth.Oci;

namespace Berth.Cgroups.V1;

/// <summary>hugetlb.&lt;size&gt;.limit_in_bytes, and the reservation limit hugetlb.&lt;size&gt;.rsvd.limit_in_bytes when the kernel has it.</summary>
internal sealed class V1Hugetlb(string dir)
{
    public void Apply(IEnumerable<LinuxHugepageLimit> limits)
    {
        foreach (var l in limits)
        {
            var size = CgroupConversions.HugepageSize(l.PageSize);
            var value = CgroupFile.Format(l.Limit);
            CgroupFile.Write(dir, $"hugetlb.{size}.limit_in_bytes", value);
            var rsvd = $"hugetlb.{size}.rsvd.limit_in_bytes";
            if (CgroupFile.Exists(dir, rsvd)) CgroupFile.Write(dir, rsvd, value);
        }
    }
}
