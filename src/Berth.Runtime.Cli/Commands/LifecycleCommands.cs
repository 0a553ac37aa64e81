namespace Berth.Runtime.Cli.Commands;

/// <summary>create, start, kill, delete, pause, resume.</summary>
public static class LifecycleCommands
{
    public static readonly string[] CreateFlags =
        ["bundle|b=", "pid-file=", "console-socket=", "preserve-fds=", "no-pivot", "no-new-keyring", "notify-socket="];

    public static CreateOptions CreateOptionsFrom(ArgParser p, string id) =>
        new(id, p.Value("bundle") ?? ".", p.Value("pid-file"), p.Value("console-socket"), (int)(p.ULong("preserve-fds", int.MaxValue) ?? 0));

    public static int Create(CliContext ctx, string[] args)
    {
        var p = new ArgParser("create", CreateFlags).Parse(args);
        if (p.Has("no-pivot")) ctx.Warn("--no-pivot is ignored: berth-runtime always uses pivot_root with a mount namespace");
        ctx.Runtime.Create(CreateOptionsFrom(p, p.Id()));
        return 0;
    }

    public static int Start(CliContext ctx, string[] args)
    {
        var p = new ArgParser("start", []).Parse(args);
        ctx.Runtime.Start(p.Id());
        return 0;
    }

    public static int Kill(CliContext ctx, string[] args)
    {
        var p = new ArgParser("kill", ["all|a"]).Parse(args);
        var id = p.Id(expectedPositionals: 2);
        var signal = p.Positionals.Count > 1 ? Signals.Parse(p.Positionals[1]) : 15;
        ctx.Runtime.Kill(id, signal, p.Has("all"));
        return 0;
    }

    public static int Delete(CliContext ctx, string[] args)
    {
        var p = new ArgParser("delete", ["force|f"]).Parse(args);
        ctx.Runtime.Delete(p.Id(), p.Has("force"));
        return 0;
    }

    public static int Pause(CliContext ctx, string[] args)
    {
        ctx.Runtime.Pause(new ArgParser("pause", []).Parse(args).Id());
        return 0;
    }

    public static int Resume(CliContext ctx, string[] args)
    {
        ctx.Runtime.Resume(new ArgParser("resume", []).Parse(args).Id());
        return 0;
    }
}
