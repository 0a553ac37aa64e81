using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`exec`: a new process in a running container, from --process JSON or from the command line.</summary>
public static class ExecCommand
{
    public static int Run(CliContext ctx, string[] args)
    {
        var p = new ArgParser("exec", ["process|p=", "tty|t", "cwd=", "env|e=", "user|u=", "additional-gids|g=", "cap|c=",
            "no-new-privs", "detach|d", "pid-file=", "console-socket=", "preserve-fds=", "process-label=", "apparmor=",
            "ignore-paused", "cgroup="]).Parse(args, stopAtPositional: true);
        var id = p.Id(expectedPositionals: -1);
        var preserveFds = (int)(p.ULong("preserve-fds", int.MaxValue) ?? 0);
        ctx.Runtime.Store.Load(id); // an unknown container is "does not exist", not a missing config.json
        var process = p.Value("process") is { } file ? ReadProcess(file) : FromFlags(ctx, id, p);
        var detach = p.Has("detach");
        using var proxy = TerminalProxy.For(process.Terminal, p.Value("console-socket"), detach, ctx.Root);
        var pid = ctx.Runtime.Exec(new ExecOptions(id, process, p.Value("pid-file"), proxy?.SocketPath ?? p.Value("console-socket"),
            preserveFds, detach));
        if (detach) return 0;
        return proxy is not null ? proxy.Proxy(pid) : RunCommand.WaitForwarding(pid);
    }

    static SpecProcess ReadProcess(string file)
    {
        byte[] bytes;
        try { bytes = file == "-" ? ReadStdin() : File.ReadAllBytes(file); }
        catch (FileNotFoundException) { throw BerthException.NotFound($"--process: {file}: no such file"); }
        var process = OciJson.Parse(bytes, file, OciJsonContext.Default.SpecProcess)
            ?? throw BerthException.Invalid($"--process: {file}: the document is null");
        if (process.Args is not { Count: > 0 }) throw BerthException.Invalid("process.args: must not be empty");
        if (process.Cwd is not { Length: > 0 }) process.Cwd = "/";
        return process;
    }

    static byte[] ReadStdin()
    {
        using var ms = new MemoryStream();
        Console.OpenStandardInput().CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>The container's own process with the command line's args and overrides, as runc builds it.</summary>
    static SpecProcess FromFlags(CliContext ctx, string id, ArgParser p)
    {
        var command = p.Positionals.Skip(1).ToList();
        if (command.Count == 0) throw BerthException.Invalid("exec: a command to run is required (or --process)");
        var base_ = ctx.Runtime.Store.LoadConfig(id).Process ?? new SpecProcess();
        var process = new SpecProcess
        {
            Args = command,
            Env = [.. base_.Env ?? [], .. p.Values("env")],
            Cwd = p.Value("cwd") ?? base_.Cwd ?? "/",
            Terminal = p.Has("tty"),
            User = new SpecUser { Uid = base_.User.Uid, Gid = base_.User.Gid, AdditionalGids = base_.User.AdditionalGids, Umask = base_.User.Umask },
            Capabilities = base_.Capabilities,
            NoNewPrivileges = base_.NoNewPrivileges || p.Has("no-new-privs"),
            Rlimits = base_.Rlimits,
            ApparmorProfile = p.Value("apparmor") ?? base_.ApparmorProfile,
        };
        if (p.Value("user") is { } user)
        {
            var parts = user.Split(':');
            if (!uint.TryParse(parts[0], out var uid) || (parts.Length > 1 && !uint.TryParse(parts[1], out _)) || parts.Length > 2)
                throw BerthException.Invalid($"exec: --user must be uid[:gid] in numbers, got \"{user}\"");
            process.User.Uid = uid;
            process.User.Gid = parts.Length > 1 ? uint.Parse(parts[1]) : 0;
        }
        if (p.Values("additional-gids").Count > 0)
            process.User.AdditionalGids = p.Values("additional-gids").Select(g => uint.TryParse(g, out var n) ? n : throw BerthException.Invalid($"exec: invalid gid {g}")).ToList();
        if (p.Values("cap").Count > 0)
        {
            var caps = process.Capabilities ?? new Capabilities();
            List<string> Add(List<string>? set) => [.. (set ?? []).Union(p.Values("cap"))];
            process.Capabilities = new Capabilities
            {
                Bounding = Add(caps.Bounding), Effective = Add(caps.Effective), Permitted = Add(caps.Permitted),
                Inheritable = caps.Inheritable, Ambient = Add(caps.Ambient),
            };
        }
        return process;
    }
}
