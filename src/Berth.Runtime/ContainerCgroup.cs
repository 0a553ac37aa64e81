using Berth.Oci;

namespace Berth.Runtime;

/// <summary>The runtime's view of a container's cgroup (adapter over Berth.Cgroups; wired when it lands).</summary>
public sealed class ContainerCgroup
{
    ContainerCgroup(string location) => Location = location;

    /// <summary>Serialised location, kept in state.json.</summary>
    public string Location { get; }

    public static ContainerCgroup Create(string id, string? cgroupsPath, LinuxResources? resources) =>
        new(cgroupsPath ?? "berth/" + id);

    public static ContainerCgroup Open(string location) => new(location);

    public void AddProcess(int pid) { }
    public IReadOnlyList<int> Pids() => [];
    public bool IsFrozen => false;
    public void Freeze() => throw new Core.BerthException(Core.ErrorKind.NotImplemented, "pause: cgroups not wired yet");
    public void Thaw() => throw new Core.BerthException(Core.ErrorKind.NotImplemented, "resume: cgroups not wired yet");
    public void Update(LinuxResources resources) { }
    public void Destroy() { }
}
