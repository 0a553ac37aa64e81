using Berth.Oci;

namespace Berth.Cgroups.Internal;

/// <summary>pids.max, the same file on v1 and v2: limit &gt; 0 → the number, &lt; 0 → "max", 0 → unset (runc's reading).</summary>
internal static class PidsLimit
{
    public const string File = "pids.max";

    public static string? Text(LinuxPids p) => p.Limit switch
    {
        0 => null,
        < 0 => "max",
        _ => CgroupFile.Format(p.Limit),
    };
}
