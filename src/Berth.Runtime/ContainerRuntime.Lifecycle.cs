using Berth.Core;
using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Runtime.Hooks;
using Berth.Runtime.State;

namespace Berth.Runtime;

public sealed partial class ContainerRuntime
{
    /// <summary>Releases a created container's init: it execs the user process.</summary>
    public void Start(string id)
    {
        var r = _store.Load(id);
        var status = StatusOf(r);
        if (status != ContainerStatus.Created)
            throw BerthException.Precondition(status == ContainerStatus.Stopped
                ? "cannot start a container that has stopped"
                : $"cannot start an already {status.ToText()} container");
        var fifo = _store.FifoPath(id);
        var fd = Errno.Check(Libc.open(fifo, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0), "open", fifo);
        try
        {
            while (!Fd.WaitReadable(fd, 100))
                if (!ProcessControl.IsSame(r.Pid, r.PidStartTime))
                    throw BerthException.Precondition("cannot start a container that has stopped (init exited)");
            Span<byte> b = stackalloc byte[1];
            if (Fd.Read(fd, b) != 1) throw BerthException.Precondition("cannot start container: init went away");
        }
        finally { Fd.Close(fd); }
        File.Delete(fifo);
        r.Started = true;
        _store.Save(r);
        var spec = _store.LoadConfig(id);
        foreach (var w in HookRunner.RunAll("poststart", spec.Hooks?.Poststart, HookState(r, "running"))) _warn(w);
    }

    public void Kill(string id, int signal, bool all)
    {
        var r = _store.Load(id);
        var status = StatusOf(r);
        if (all && r.Cgroup is { } cg)
        {
            foreach (var pid in ContainerCgroup.Open(cg).GetPids()) Libc.kill(pid, signal);
            return;
        }
        // Only a live init is signalled: pid 0 (still creating) would be kill(0), our own process group,
        // and a stopped container's pid may belong to another process by now.
        if (status is ContainerStatus.Stopped or ContainerStatus.Creating)
        {
            if (all) return;
            throw BerthException.Precondition("container not running");
        }
        ProcessControl.Signal(r.Pid, signal);
        if (status == ContainerStatus.Paused && signal == 9 && r.Cgroup is { } c) ContainerCgroup.Open(c).Thaw();
    }

    public void Delete(string id, bool force)
    {
        ContainerStore.ValidateId(id);
        ContainerRecord r;
        try { r = _store.Load(id); }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound && force)
        {
            _store.RemoveAbandoned(id);
            return;
        }
        var status = StatusOf(r);
        if (status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Creating && !force)
            throw BerthException.Precondition($"cannot delete container \"{id}\" that is not stopped: {status.ToText()}");
        if (!_store.TryClaimForDelete(id))
        {
            if (force) return; // a concurrent delete has it
            throw BerthException.NotFound($"container \"{id}\" does not exist");
        }
        var cgroup = r.Cgroup is { } cg ? ContainerCgroup.Open(cg) : null;
        if (status != ContainerStatus.Stopped)
        {
            foreach (var pid in cgroup?.GetPids() ?? []) Libc.kill(pid, 9);
            if (r.Pid > 0) Libc.kill(r.Pid, 9); // never kill(0, 9): that is our own process group
            if (status == ContainerStatus.Paused) cgroup?.Thaw();
            WaitGone(r);
        }
        try { cgroup?.Destroy(killProcesses: true); }
        catch (BerthException e) { _warn(e.Message); }
        Oci.RuntimeSpec? spec = null;
        try { spec = _store.LoadConfig(id); }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound) { }
        _store.Remove(id);
        foreach (var w in HookRunner.RunAll("poststop", spec?.Hooks?.Poststop, HookState(r, "stopped"))) _warn(w);
    }

    void WaitGone(ContainerRecord r)
    {
        for (int i = 0; i < 1000 && ProcessControl.IsSame(r.Pid, r.PidStartTime); i++)
        {
            if (ProcessControl.TryWait(r.Pid) is not null) break; // our own child (run): reap it
            Thread.Sleep(10);
        }
    }

    public void Pause(string id) => RunningCgroup(id, "pause").Freeze();

    public void Resume(string id)
    {
        var r = _store.Load(id);
        if (StatusOf(r) != ContainerStatus.Paused) throw BerthException.Precondition("container not paused");
        ContainerCgroup.Open(r.Cgroup!).Thaw();
    }

    public void Update(string id, Oci.LinuxResources resources)
    {
        var cg = RunningCgroup(id, "update", allowPaused: true);
        cg.Update(resources);
        var spec = _store.LoadConfig(id);
        spec.Linux ??= new Oci.SpecLinux();
        spec.Linux.Resources = ResourceMerge.Merge(spec.Linux.Resources, resources);
        _store.SaveConfig(id, spec);
    }

    public IReadOnlyList<int> Pids(string id)
    {
        var r = _store.Load(id);
        if (r.Cgroup is { } cg && ContainerCgroup.Open(cg).GetPids() is { Count: > 0 } pids) return pids;
        return StatusOf(r) is ContainerStatus.Stopped ? [] : [r.Pid];
    }

    Berth.Cgroups.ICgroupManager RunningCgroup(string id, string what, bool allowPaused = false)
    {
        var r = _store.Load(id);
        var status = StatusOf(r);
        if (status != ContainerStatus.Running && !(allowPaused && status == ContainerStatus.Paused))
            throw BerthException.Precondition($"cannot {what} container {id}: container is {status.ToText()}");
        return r.Cgroup is { } cg ? ContainerCgroup.Open(cg) : throw BerthException.Precondition($"container {id} has no cgroup");
    }

    /// <summary>
    /// The container's cgroup counters, as long as the cgroup exists (until delete), so an OOM kill can be seen
    /// after the container stopped; null when there is nothing to read.
    /// </summary>
    public Berth.Cgroups.CgroupStats? Stats(string id)
    {
        var r = _store.Load(id);
        var cgroup = r.Cgroup is { } cg ? ContainerCgroup.Open(cg) : null;
        return cgroup is { Exists: true } ? cgroup.Stats() : null;
    }

    public bool IsStopped(string id) => StatusOf(_store.Load(id)) == ContainerStatus.Stopped;
}
