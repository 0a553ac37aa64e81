using Berth.Cgroups.Internal;
using Berth.Oci;

namespace Berth.Cgroups.V2;

/// <summary>hugetlb.&lt;size&gt;.max, and hugetlb.&lt;size&gt;.rsvd.max when the kernel has reservation accounting.</summary>
internal sealed class V2Hugetlb(string dir)
{
    public void Apply(IEnumerable<LinuxHugepageLimit> limits)
    {
        foreach (var l in limits)
        {
            var size = CgroupConversions.HugepageSize(l.PageSize);
            var value = CgroupFile.Format(l.Limit);
            V2Files.Write(dir, $"hugetlb.{size}.max", value);
            var rsvd = $"hugetlb.{size}.rsvd.max";
            if (CgroupFile.Exists(dir, rsvd)) V2Files.Write(dir, rsvd, value);
        }
    }
}
