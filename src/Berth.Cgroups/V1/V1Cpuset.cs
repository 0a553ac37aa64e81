using Berth.Cgroups.Internal;
using Berth.Oci;

namespace Berth.Cgroups.V1;

/// <summary>
/// The v1 cpuset controller. A new v1 cpuset cgroup starts with empty cpuset.cpus/mems and refuses tasks until
/// both are set, so <see cref="Inherit"/> copies them down from the nearest configured ancestor.
/// </summary>
internal sealed class V1Cpuset(string dir)
{
    public const string Cpus = "cpuset.cpus", Mems = "cpuset.mems";

    public void Apply(LinuxCpu c)
    {
        if (!string.IsNullOrEmpty(c.Cpus)) CgroupFile.Write(dir, Cpus, c.Cpus);
        if (!string.IsNullOrEmpty(c.Mems)) CgroupFile.Write(dir, Mems, c.Mems);
    }

    /// <summary>For every directory from the nearest ancestor with values down to dir, fills empty cpus/mems from the parent.</summary>
    public void Inherit()
    {
        var chain = new List<string>();
        for (var d = dir; ; d = Path.GetDirectoryName(d)!)
        {
            chain.Add(d);
            if (IsConfigured(d)) break;
            var parent = Path.GetDirectoryName(d);
            if (parent is null || !CgroupFile.Exists(parent, Cpus)) break;
        }
        chain.Reverse();
        for (var i = 1; i < chain.Count; i++)
            foreach (var file in new[] { Cpus, Mems })
                if (string.IsNullOrWhiteSpace(CgroupFile.TryRead(chain[i], file)) && CgroupFile.TryRead(chain[i - 1], file) is { } v && v.Trim().Length > 0)
                    CgroupFile.Write(chain[i], file, v.Trim());
    }

    static bool IsConfigured(string d) =>
        !string.IsNullOrWhiteSpace(CgroupFile.TryRead(d, Cpus)) && !string.IsNullOrWhiteSpace(CgroupFile.TryRead(d, Mems));
}
