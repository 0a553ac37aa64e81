using Berth.Core;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.State;

namespace Berth.Runtime;

/// <summary>
/// The OCI runtime operations (runtime.md) over a state root: create, start, state, kill, delete, exec,
/// pause, resume, update. Each call is a separate process in the CLI, so everything lives in ContainerStore.
/// </summary>
public sealed partial class ContainerRuntime(string root, Action<string>? warn = null)
{
    readonly ContainerStore _store = new(root);
    readonly Action<string> _warn = warn ?? (_ => { });

    public ContainerStore Store => _store;

    public ContainerStatus StatusOf(ContainerRecord r)
    {
        if (r.Pid <= 0) return ContainerStatus.Creating;
        if (!ProcessControl.IsSame(r.Pid, r.PidStartTime)) return ContainerStatus.Stopped;
        if (File.Exists(_store.FifoPath(r.Id))) return ContainerStatus.Created;
        if (r.Cgroup is { } cg && ContainerCgroup.Open(cg).IsFrozen()) return ContainerStatus.Paused;
        return ContainerStatus.Running;
    }

    public ContainerState State(string id)
    {
        var r = _store.Load(id);
        return ToState(r, StatusOf(r));
    }

    public IEnumerable<ContainerState> List()
    {
        foreach (var id in _store.Ids())
        {
            ContainerRecord r;
            try { r = _store.Load(id); }
            catch (BerthException) { continue; }
            yield return ToState(r, StatusOf(r));
        }
    }

    static ContainerState ToState(ContainerRecord r, ContainerStatus status) => new()
    {
        Id = r.Id,
        Status = status.ToText(),
        Pid = status is ContainerStatus.Stopped ? 0 : r.Pid,
        Bundle = r.Bundle,
        Annotations = r.Annotations,
        Rootfs = r.Rootfs,
        Created = r.Created,
        Owner = r.Owner,
    };

    ContainerState HookState(ContainerRecord r, string status) => new()
    {
        Id = r.Id, Status = status, Pid = r.Pid, Bundle = r.Bundle, Annotations = r.Annotations,
    };

    static void WritePidFile(string? path, int pid)
    {
        if (path is null) return;
        var full = Path.GetFullPath(path);
        var tmp = full + ".tmp";
        File.WriteAllText(tmp, pid.ToString());
        File.Move(tmp, full, overwrite: true);
    }
}
