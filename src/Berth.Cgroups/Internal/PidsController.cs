using Berth.Oci;

namespace Berth.Cgroups.Internal;

/// <summary>pids.max, the same file on v1 and v2: limit &gt; 0 → the number, &lt; 0 → "max", 0 → unset (runc's reading).</summary>
internal sealed class PidsController(string dir)
{
    public const string Max = "pids.max";

    public void Apply(LinuxPids p)
    {
        if (p.Limit == 0) return;
        CgroupFile.Write(dir, Max, p.Limit > 0 ? CgroupFile.Format(p.Limit) : "max");
    }
}
