using Berth.Core;
using Berth.Runtime.Cli.Commands;
using Berth.Runtime.Init;

namespace Berth.Runtime.Cli;

/// <summary>runc's command line: global flags, then one command.</summary>
public static class RuntimeCommandLine
{
    public const string Version = "0.1.0";

    const string Usage = """
        usage: berth-runtime [global options] command [command options] [arguments...]

        An OCI runtime with runc's command line.

        commands:
          create     create a container            start    start a created container
          run        create and start a container  state    output the state of a container
          kill       send a signal to a container  delete   delete a container
          exec       run a process in a container  list     list containers
          ps         processes in a container      pause    freeze a container
          resume     thaw a container              update   change a container's resources
          events     stats and OOM events          spec     write a default config.json
          features   show what is supported

        global options:
          --root DIR           state directory (default /run/berth-runtime)
          --log FILE           log file   --log-format text|json
          --version, -v        print the version
        """;

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "init") return InitMain.Run(args);

        string root = "/run/berth-runtime", logFormat = "text";
        string? log = null;
        int i = 0;
        CliContext? ctx = null;
        try
        {
            for (; i < args.Length && args[i].StartsWith('-'); i++)
            {
                var (name, inline) = Split(args[i]);
                string Next() => inline ?? (i + 1 < args.Length ? args[++i] : throw BerthException.Invalid($"flag needs an argument: {args[i]}"));
                switch (name)
                {
                    case "root": root = Next(); break;
                    case "log": log = Next(); break;
                    case "log-format": logFormat = Next(); break;
                    case "criu": Next(); break;
                    case "debug" or "systemd-cgroup" or "rootless": if (inline is null && name == "rootless" && i + 1 < args.Length && args[i + 1] is "true" or "false" or "auto") i++; break;
                    case "version" or "v": PrintVersion(); return 0;
                    case "help" or "h": Console.WriteLine(Usage); return 0;
                    default: throw BerthException.Invalid($"flag provided but not defined: {args[i]}");
                }
            }
            if (logFormat is not ("text" or "json")) throw BerthException.Invalid($"invalid log-format: {logFormat}");
            if (root.Length == 0) throw BerthException.Invalid("--root must not be empty");
            if (log is { Length: 0 }) throw BerthException.Invalid("--log must not be empty");
            if (i >= args.Length) { Console.Error.WriteLine(Usage); return 1; }
            ctx = new CliContext(Path.GetFullPath(root), log, logFormat);
            var rest = args[(i + 1)..];
            return args[i] switch
            {
                "create" => LifecycleCommands.Create(ctx, rest),
                "start" => LifecycleCommands.Start(ctx, rest),
                "run" => RunCommand.Run(ctx, rest),
                "state" => InfoCommands.State(ctx, rest),
                "kill" => LifecycleCommands.Kill(ctx, rest),
                "delete" => LifecycleCommands.Delete(ctx, rest),
                "exec" => ExecCommand.Run(ctx, rest),
                "list" => InfoCommands.List(ctx, rest),
                "ps" => InfoCommands.Ps(ctx, rest),
                "pause" => LifecycleCommands.Pause(ctx, rest),
                "resume" => LifecycleCommands.Resume(ctx, rest),
                "update" => UpdateCommand.Run(ctx, rest),
                "events" => EventsCommand.Run(ctx, rest),
                "spec" => InfoCommands.Spec(ctx, rest),
                "features" => InfoCommands.Features(ctx, rest),
                "help" => Help(),
                _ => throw BerthException.Invalid($"no such command: {args[i]} (see berth-runtime --help)"),
            };
        }
        catch (BerthException e)
        {
            if (ctx is not null) ctx.Error(e.Message);
            else Console.Error.WriteLine("berth-runtime: " + e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var message = IoErrorText.Describe(e);
            if (ctx is not null) ctx.Error(message);
            else Console.Error.WriteLine("berth-runtime: " + message);
            return 1;
        }
    }

    static int Help()
    {
        Console.WriteLine(Usage);
        return 0;
    }

    static (string Name, string? Inline) Split(string arg)
    {
        var body = arg.TrimStart('-');
        var eq = body.IndexOf('=');
        return eq < 0 ? (body, null) : (body[..eq], body[(eq + 1)..]);
    }

    static void PrintVersion()
    {
        Console.WriteLine($"berth-runtime version {Version}");
        Console.WriteLine($"spec: {Oci.OciJson.SpecVersion}");
    }
}
