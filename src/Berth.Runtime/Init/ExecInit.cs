using Berth.Core;
using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Oci;

namespace Berth.Runtime.Init;

/// <summary>
/// `berth-runtime init` for `exec`: born in the container's pid, ipc, uts, net and cgroup namespaces; joins the
/// mount namespace on its own main thread (the one that execs), then becomes the new process.
/// </summary>
public sealed class ExecInit(InitChannel channel, InitRequest request)
{
    public void Run()
    {
        var process = request.Spec.Process ?? throw BerthException.Invalid("exec: no process");
        var console = process.Terminal ? ConsoleSetup.Connect(request.ConsoleSocket) : -1;
        if (request.MountNamespaceFd >= 0)
        {
            Errno.Check(Libc.unshare(Libc.CLONE_FS), "unshare(CLONE_FS)");
            Errno.Check(Libc.setns(request.MountNamespaceFd, Libc.CLONE_NEWNS), "setns", "mnt");
            Fd.Close(request.MountNamespaceFd);
        }
        Errno.Check(Libc.setsid(), "setsid");
        Libc.prctl(Libc.PR_SET_DUMPABLE, 0, 0, 0, 0);
        if (process.Terminal)
        {
            if (console < 0) throw BerthException.Invalid("process.terminal is true but no console socket was given");
            ConsoleSetup.Attach(console, process, bindConsole: false);
        }
        ProcessLauncher.SetRlimits(process);
        ProcessLauncher.SetOomScoreAdj(process);
        ProcessLauncher.EnterCwd(process);
        var executable = ProcessLauncher.LookPath(process);
        channel.Send(InitMessage.Of(InitMessage.Ready));
        ProcessLauncher.Exec(process, request.Spec.Linux?.Seccomp, executable, request.PreserveFds);
    }
}
