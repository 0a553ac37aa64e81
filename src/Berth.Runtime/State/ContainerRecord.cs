using Berth.Oci;

namespace Berth.Runtime.State;

/// <summary>What the runtime keeps about one container in ROOT/ID/state.json.</summary>
public sealed class ContainerRecord
{
    public string Id { get; set; } = "";
    public string Bundle { get; set; } = "";
    public string Rootfs { get; set; } = "";
    public int Pid { get; set; }
    /// <summary>Start time of the init process (ticks since boot), so a recycled PID is never mistaken for it.</summary>
    public ulong PidStartTime { get; set; }
    public DateTimeOffset Created { get; set; }
    public string Owner { get; set; } = "";
    public Dictionary<string, string>? Annotations { get; set; }
    /// <summary>The container's cgroup, as the cgroup manager serialises its location; null when none was made.</summary>
    public string? Cgroup { get; set; }
    /// <summary>True once the init was told to exec the user process (create/start split).</summary>
    public bool Started { get; set; }
}
