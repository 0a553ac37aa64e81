using Berth.Core;
using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Oci;
using Berth.Runtime.Hooks;
using Berth.Runtime.Rootfs;

namespace Berth.Runtime.Init;

/// <summary>
/// `berth-runtime init` for a new container: PID 1 of its namespaces, born there by NamespaceSpawner.
/// Sets the container up, reports ready, blocks on exec.fifo until `start`, then becomes the user process.
/// </summary>
public sealed class ContainerInit(InitChannel channel, InitRequest request)
{
    readonly RuntimeSpec _spec = request.Spec;
    SpecProcess Process => _spec.Process!;

    public void Run()
    {
        if (request.NewCgroupNamespace) Errno.Check(Libc.unshare(Libc.CLONE_NEWCGROUP), "unshare", "cgroup");
        Errno.Check(Libc.setsid(), "setsid");
        // Keep other container processes from reaching this one's memory or /proc/PID/exe while it sets up.
        Libc.prctl(Libc.PR_SET_DUMPABLE, 0, 0, 0, 0);

        var rootfs = new RootfsSetup(_spec, request.Rootfs, request.Bundle, request.NewCgroupNamespace);
        rootfs.Prepare();
        var fifo = Errno.Check(Libc.open(request.FifoPath!, Libc.O_PATH | Libc.O_CLOEXEC, 0), "open", request.FifoPath);
        var console = Process.Terminal ? ConsoleSetup.Connect(request.ConsoleSocket) : -1;

        channel.Send(InitMessage.Of(InitMessage.RunHooks));
        var reply = channel.Receive();
        if (reply?.Type != InitMessage.Continue) throw new BerthException(ErrorKind.Unknown, "runtime went away during hooks");
        HookRunner.Run("createContainer", _spec.Hooks?.CreateContainer, State("created"));

        rootfs.PivotRoot();
        if (Process.Terminal)
        {
            if (console < 0) throw BerthException.Invalid("process.terminal is true but no --console-socket was given");
            ConsoleSetup.Attach(console, Process, bindConsole: true);
        }
        rootfs.Finish();
        if (_spec.Hostname is { Length: > 0 } h) Errno.Check(Libc.sethostname(h, (nuint)System.Text.Encoding.UTF8.GetByteCount(h)), "sethostname", h);
        if (_spec.Domainname is { Length: > 0 } d) Errno.Check(Libc.setdomainname(d, (nuint)System.Text.Encoding.UTF8.GetByteCount(d)), "setdomainname", d);
        ProcessLauncher.SetRlimits(Process);
        ProcessLauncher.SetOomScoreAdj(Process);
        ProcessLauncher.EnterCwd(Process);
        var executable = ProcessLauncher.LookPath(Process);

        channel.Send(InitMessage.Of(InitMessage.Ready));
        channel.Dispose();

        WaitForStart(fifo);
        HookRunner.Run("startContainer", _spec.Hooks?.StartContainer, State("running"));
        ProcessLauncher.Exec(Process, _spec.Linux?.Seccomp, executable, request.PreserveFds);
    }

    /// <summary>Opening the fifo for writing blocks until `start` opens it for reading.</summary>
    static void WaitForStart(int fifoPath)
    {
        int fd;
        while ((fd = Libc.open($"/proc/self/fd/{fifoPath}", Libc.O_WRONLY | Libc.O_CLOEXEC, 0)) == -1 && Errno.Last == Errno.EINTR) { }
        Errno.Check(fd, "open", "exec.fifo");
        Fd.WriteAll(fd, "0"u8);
        Fd.Close(fd);
        Fd.Close(fifoPath);
    }

    ContainerState State(string status) => new()
    {
        Id = request.ContainerId, Status = status, Pid = 1, Bundle = request.Bundle, Annotations = _spec.Annotations,
    };
}
