using System.Text.Json.Serialization;

namespace Berth.Cgroups;

/// <summary>How the host mounts cgroups.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CgroupMode>))]
public enum CgroupMode
{
    /// <summary>Only v1 hierarchies, one per controller (or co-mounted group).</summary>
    V1,
    /// <summary>v1 hierarchies for the controllers plus a cgroup2 mount (usually /sys/fs/cgroup/unified) that Berth leaves alone.</summary>
    Hybrid,
    /// <summary>A single cgroup2 hierarchy holding every controller.</summary>
    V2,
}
