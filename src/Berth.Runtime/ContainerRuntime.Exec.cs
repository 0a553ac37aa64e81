using Berth.Core;
using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Runtime.Init;
using Berth.Runtime.State;

namespace Berth.Runtime;

public sealed partial class ContainerRuntime
{
    // Joined in this order by the spawning thread; the mount namespace is joined by init's own main thread.
    static readonly (string Name, int Flag)[] ExecNamespaces =
    [
        ("ipc", Libc.CLONE_NEWIPC), ("uts", Libc.CLONE_NEWUTS), ("net", Libc.CLONE_NEWNET),
        ("pid", Libc.CLONE_NEWPID), ("cgroup", Libc.CLONE_NEWCGROUP),
    ];

    /// <summary>Starts a new process in a running container; returns its pid (our child).</summary>
    public int Exec(ExecOptions o)
    {
        var r = _store.Load(o.Id);
        var status = StatusOf(r);
        if (status is ContainerStatus.Stopped) throw BerthException.Precondition("cannot exec in a stopped container");
        if (status is ContainerStatus.Paused) throw BerthException.Precondition("cannot exec in a paused container");
        var spec = _store.LoadConfig(o.Id);
        spec.Process = o.Process;

        var joins = new List<(int Fd, int Type)>();
        int mnt = -1;
        try
        {
            foreach (var (name, flag) in ExecNamespaces)
            {
                if (SameNamespace(r.Pid, name)) continue;
                var path = $"/proc/{r.Pid}/ns/{name}";
                var fd = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
                if (fd == -1) throw new LinuxException(Errno.Last, "open namespace", path);
                joins.Add((fd, flag));
            }
            if (!SameNamespace(r.Pid, "mnt"))
                mnt = Errno.Check(Libc.open($"/proc/{r.Pid}/ns/mnt", Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open namespace", $"/proc/{r.Pid}/ns/mnt");
            var request = new InitRequest
            {
                Mode = "exec", ContainerId = o.Id, Bundle = r.Bundle, Rootfs = r.Rootfs, Spec = spec,
                ConsoleSocket = o.ConsoleSocket, PreserveFds = o.PreserveFds,
                MountNamespaceFd = mnt >= 0 ? InitChannel.ChildFd(o.PreserveFds) + 1 : -1,
            };
            var cgroup = r.Cgroup is { } cg ? ContainerCgroup.Open(cg) : null;
            var extra = mnt >= 0 ? new Dictionary<int, int> { [InitChannel.ChildFd(o.PreserveFds) + 1] = mnt } : null;
            var pid = SpawnInit(request, 0, joins, o.PreserveFds, cgroup, leavesMountNamespace: mnt >= 0, null, extra);
            WritePidFile(o.PidFile, pid);
            return pid;
        }
        finally
        {
            foreach (var (fd, _) in joins) Fd.Close(fd);
            Fd.Close(mnt);
        }
    }

    static bool SameNamespace(int pid, string name)
    {
        try
        {
            return new FileInfo($"/proc/self/ns/{name}").LinkTarget == new FileInfo($"/proc/{pid}/ns/{name}").LinkTarget;
        }
        catch (IOException) { return false; }
    }
}
