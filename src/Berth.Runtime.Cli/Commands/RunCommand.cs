using System.Runtime.InteropServices;
using Berth.Linux;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`run`: create, start and (unless --detach) wait, passing the exit code through, then delete.</summary>
public static class RunCommand
{
    public static int Run(CliContext ctx, string[] args)
    {
        var p = new ArgParser("run", [.. LifecycleCommands.CreateFlags, "detach|d", "keep", "no-subreaper"]).Parse(args);
        var id = p.Id();
        var detach = p.Has("detach");
        var record = ctx.Runtime.Create(LifecycleCommands.CreateOptionsFrom(p, id));
        try
        {
            ctx.Runtime.Start(id);
        }
        catch
        {
            ctx.Runtime.Delete(id, force: true);
            throw;
        }
        if (detach) return 0;
        return WaitAndDelete(ctx, id, record.Pid, keep: p.Has("keep"));
    }

    /// <summary>Forwards the usual signals to pid while waiting for it; returns its exit code.</summary>
    public static int WaitForwarding(int pid)
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var (sig, number) in new[] { (PosixSignal.SIGINT, 2), (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, 1), (PosixSignal.SIGQUIT, 3) })
            registrations.Add(PosixSignalRegistration.Create(sig, c => { c.Cancel = true; Linux.Interop.Libc.kill(pid, number); }));
        try { return ProcessControl.Wait(pid); }
        finally { foreach (var r in registrations) r.Dispose(); }
    }

    static int WaitAndDelete(CliContext ctx, string id, int pid, bool keep)
    {
        var code = WaitForwarding(pid);
        if (!keep) ctx.Runtime.Delete(id, force: true);
        return code;
    }
}
