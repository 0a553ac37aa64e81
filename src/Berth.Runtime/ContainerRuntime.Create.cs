using Berth.Core;
using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Oci;
using Berth.Runtime.Hooks;
using Berth.Runtime.Init;
using Berth.Runtime.State;

namespace Berth.Runtime;

public sealed partial class ContainerRuntime
{
    static readonly Dictionary<string, int> NamespaceFlags = new()
    {
        ["pid"] = Libc.CLONE_NEWPID, ["network"] = Libc.CLONE_NEWNET, ["mount"] = Libc.CLONE_NEWNS,
        ["ipc"] = Libc.CLONE_NEWIPC, ["uts"] = Libc.CLONE_NEWUTS, ["cgroup"] = Libc.CLONE_NEWCGROUP,
        ["user"] = Libc.CLONE_NEWUSER, ["time"] = Libc.CLONE_NEWTIME,
    };

    /// <summary>Creates the container: its init exists, set up and blocked on exec.fifo, when this returns.</summary>
    public ContainerRecord Create(CreateOptions o)
    {
        ContainerStore.ValidateId(o.Id);
        var bundle = Path.GetFullPath(o.Bundle);
        var spec = OciJson.ReadSpec(Path.Combine(bundle, "config.json"));
        foreach (var w in SpecValidator.Validate(spec, bundle)) _warn(w);
        var rootfs = SpecValidator.ResolveRootfs(spec, bundle);

        _store.Reserve(o.Id);
        var record = new ContainerRecord
        {
            Id = o.Id, Bundle = bundle, Rootfs = rootfs, Created = DateTimeOffset.UtcNow, Owner = "root",
            Annotations = spec.Annotations,
        };
        Berth.Cgroups.ICgroupManager? cgroup = null;
        int pid = 0;
        try
        {
            _store.SaveConfig(o.Id, spec);
            Errno.Check(Libc.mkfifo(_store.FifoPath(o.Id), 0x180 /* 0600 */), "mkfifo", _store.FifoPath(o.Id));
            _store.Save(record);
            cgroup = ContainerCgroup.Create(o.Id, spec.Linux?.CgroupsPath, spec.Linux?.Resources, _warn);
            record.Cgroup = cgroup.Location.ToJson();

            var request = new InitRequest
            {
                Mode = "create", ContainerId = o.Id, Bundle = bundle, Rootfs = rootfs, Spec = spec,
                FifoPath = _store.FifoPath(o.Id), ConsoleSocket = o.ConsoleSocket, PreserveFds = o.PreserveFds,
                NewCgroupNamespace = spec.Linux?.Namespaces?.Any(n => n.Type == "cgroup" && string.IsNullOrEmpty(n.Path)) ?? false,
            };
            var (flags, joins) = Namespaces(spec);
            try
            {
                var newMountNs = (flags & Libc.CLONE_NEWNS) != 0;
                pid = SpawnInit(request, flags, joins, o.PreserveFds, cgroup, newMountNs, r =>
                {
                    record.Pid = r;
                    record.PidStartTime = ProcessControl.StartTime(r) ?? 0;
                    _store.Save(record);
                    HookRunner.Run("prestart", spec.Hooks?.Prestart, HookState(record, "created"));
                    HookRunner.Run("createRuntime", spec.Hooks?.CreateRuntime, HookState(record, "created"));
                });
            }
            finally
            {
                foreach (var (fd, _) in joins) Fd.Close(fd);
            }
            WritePidFile(o.PidFile, pid);
            return record;
        }
        catch
        {
            if (pid > 0) { Libc.kill(pid, 9); ProcessControl.TryWaitFor(pid); }
            try { cgroup?.Destroy(killProcesses: true); } catch (BerthException e) { _warn(e.Message); }
            _store.Remove(o.Id);
            throw;
        }
    }

    (int Flags, List<(int Fd, int Type)> Joins) Namespaces(RuntimeSpec spec)
    {
        int flags = 0;
        var joins = new List<(int, int)>();
        try
        {
            foreach (var ns in spec.Linux?.Namespaces ?? [])
            {
                if (!NamespaceFlags.TryGetValue(ns.Type, out var flag))
                    throw BerthException.Invalid($"linux.namespaces: unknown namespace type {ns.Type}");
                if (flag is Libc.CLONE_NEWUSER or Libc.CLONE_NEWTIME)
                    throw new BerthException(ErrorKind.NotImplemented, $"linux.namespaces: {ns.Type} namespaces are not supported yet");
                if (string.IsNullOrEmpty(ns.Path))
                {
                    if (flag != Libc.CLONE_NEWCGROUP) flags |= flag; // init unshares cgroup once it is in its cgroup
                }
                else
                {
                    var fd = Libc.open(ns.Path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
                    if (fd == -1) throw new LinuxException(Errno.Last, $"open {ns.Type} namespace", ns.Path);
                    joins.Add((fd, flag));
                }
            }
            return (flags, joins);
        }
        catch
        {
            foreach (var (fd, _) in joins) Fd.Close(fd);
            throw;
        }
    }

    /// <summary>
    /// Starts `berth-runtime init` from a sealed copy of this binary, places it in the cgroup, sends the request
    /// and serves it until it reports ready (or an error, which is thrown here with init's message).
    /// </summary>
    /// <param name="leavesMountNamespace">True when init ends up in a mount namespace other than the one it is
    /// spawned in (a new one of its own, or the container's joined by exec), so the spawn may use a private one.</param>
    int SpawnInit(InitRequest request, int unshareFlags, List<(int Fd, int Type)> joins, int preserveFds,
        Berth.Cgroups.ICgroupManager? cgroup, bool leavesMountNamespace, Action<int>? onHooks, Dictionary<int, int>? extraFds = null)
    {
        var (parentEnd, childEnd) = FdPassing.SocketPair();
        // Init must never run from the host's binary as something a container can write (CVE-2019-5736): it runs
        // from a read-only bind mount of it in a private mount namespace, or, for a container that may hold
        // CAP_SYS_ADMIN (and so could remount), from a sealed in-memory copy. A JIT build (development only)
        // runs from its apphost.
        var aot = !File.Exists(Path.ChangeExtension(Environment.ProcessPath!, ".runtimeconfig.json"));
        var sealedCopy = aot && (MayHoldSysAdmin(request.Spec) || !leavesMountNamespace);
        var exe = sealedCopy ? SealedExecutable.Create() : -1;
        var exePath = sealedCopy ? $"/proc/self/fd/{exe}" : Environment.ProcessPath!;
        if (aot && !sealedCopy) unshareFlags |= Libc.CLONE_NEWNS;
        int pid;
        try
        {
            // stdio, then the preserved descriptors at their own numbers, then the init channel and extras.
            var fds = new Dictionary<int, int> { [0] = 0, [1] = 1, [2] = 2, [InitChannel.ChildFd(preserveFds)] = childEnd };
            for (int i = 0; i < preserveFds; i++) fds[3 + i] = 3 + i;
            foreach (var (k, v) in extraFds ?? []) fds[k] = v;
            pid = NamespaceSpawner.Spawn(new SpawnRequest(exePath,
                ["berth-runtime", "init", InitChannel.ChildFd(preserveFds).ToString()],
                ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], fds, unshareFlags, joins,
                ReadOnlyExecutable: aot && !sealedCopy));
        }
        finally
        {
            Fd.Close(childEnd);
            Fd.Close(exe);
        }

        using var channel = new InitChannel(parentEnd);
        try
        {
            cgroup?.AddProcess(pid);
            channel.Send(request, RuntimeJsonContext.Default.InitRequest);
            while (true)
            {
                var m = channel.Receive();
                switch (m?.Type)
                {
                    case InitMessage.RunHooks:
                        onHooks?.Invoke(pid);
                        channel.Send(InitMessage.Of(InitMessage.Continue));
                        break;
                    case InitMessage.Ready:
                        return pid;
                    case InitMessage.Warning:
                        _warn(m.Message ?? "");
                        break;
                    case InitMessage.Error:
                        throw new BerthException(ErrorKind.FailedPrecondition, m.Message ?? "init failed");
                    case null:
                        var code = ProcessControl.TryWaitFor(pid);
                        throw new BerthException(ErrorKind.Unknown, $"container init exited before it was ready (status {code})");
                }
            }
        }
        catch
        {
            Libc.kill(pid, 9);
            ProcessControl.TryWaitFor(pid);
            throw;
        }
    }

    static bool MayHoldSysAdmin(Oci.RuntimeSpec spec) =>
        spec.Process?.Capabilities?.Bounding?.Any(c => c is "CAP_SYS_ADMIN" or "SYS_ADMIN") ?? true;
}
