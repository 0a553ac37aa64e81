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
        var options = LifecycleCommands.CreateOptionsFrom(p, id);
        var terminal = options.ConsoleSocket is null && !detach &&
            (Oci.OciJson.ReadSpec(Path.Combine(options.Bundle, "config.json")).Process?.Terminal ?? false);
        using var proxy = TerminalProxy.For(terminal, options.ConsoleSocket, detach, ctx.Root);
        if (proxy is not null) options = options with { ConsoleSocket = proxy.SocketPath };
        var record = ctx.Runtime.Create(options);
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
        var code = proxy is not null ? proxy.Proxy(record.Pid) : WaitForwarding(record.Pid);
        if (!p.Has("keep")) ctx.Runtime.Delete(id, force: true);
        return code;
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
}
