using System.Diagnostics;
using System.Text.Json;
using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime.Cli.Commands;

/// <summary>state, list, ps, spec, features.</summary>
public static class InfoCommands
{
    public static int State(CliContext ctx, string[] args)
    {
        var state = ctx.Runtime.State(new ArgParser("state", []).Parse(args).Id());
        Console.WriteLine(JsonSerializer.Serialize(state, OciJson.Indented.ContainerState));
        return 0;
    }

    public static int List(CliContext ctx, string[] args)
    {
        var p = new ArgParser("list", ["format|f=", "quiet|q"]).Parse(args);
        var all = ctx.Runtime.List().ToList();
        if (p.Has("quiet"))
        {
            foreach (var s in all) Console.WriteLine(s.Id);
            return 0;
        }
        switch (p.Value("format") ?? "table")
        {
            case "json":
                Console.WriteLine(JsonSerializer.Serialize(all, OciJsonContext.Default.ListContainerState));
                return 0;
            case "table":
                var rows = new List<string[]> { new[] { "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER" } };
                rows.AddRange(all.Select(s => new[]
                {
                    s.Id, s.Pid.ToString(), s.Status, s.Bundle,
                    s.Created?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ") /* Go's RFC3339Nano: no trailing zeros */ ?? "", s.Owner ?? "",
                }));
                Table.Write(rows);
                return 0;
            default:
                throw BerthException.Invalid($"invalid format option {p.Value("format")}");
        }
    }

    public static int Ps(CliContext ctx, string[] args)
    {
        var p = new ArgParser("ps", ["format|f="]).Parse(args, stopAtPositional: true);
        var id = p.Id(expectedPositionals: -1);
        var pids = ctx.Runtime.Pids(id);
        if (p.Value("format") == "json")
        {
            Console.WriteLine("[" + string.Join(",", pids) + "]");
            return 0;
        }
        // Like runc: run ps with the given options and keep the header and the container's lines.
        var psArgs = p.Positionals.Count > 1 ? p.Positionals.Skip(1).ToList() : ["-ef"];
        var psi = new ProcessStartInfo("ps") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in psArgs) psi.ArgumentList.Add(a);
        using var ps = Process.Start(psi)!;
        var lines = ps.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ps.WaitForExit();
        if (ps.ExitCode != 0 || lines.Length == 0) throw BerthException.Invalid($"ps {string.Join(' ', psArgs)} failed");
        var header = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pidColumn = Array.IndexOf(header, "PID");
        if (pidColumn < 0) throw BerthException.Invalid("ps: the output has no PID column");
        Console.WriteLine(lines[0]);
        var set = pids.ToHashSet();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > pidColumn && int.TryParse(f[pidColumn], out var pid) && set.Contains(pid)) Console.WriteLine(line);
        }
        return 0;
    }

    public static int Spec(CliContext ctx, string[] args)
    {
        var p = new ArgParser("spec", ["bundle|b=", "rootless"]).Parse(args);
        var path = Path.Combine(p.Value("bundle") ?? ".", "config.json");
        if (File.Exists(path)) throw BerthException.Exists($"File {path} exists. Remove it first");
        File.WriteAllText(path, DefaultSpec.ToJson(DefaultSpec.Create(p.Has("rootless"))));
        return 0;
    }

    public static int Features(CliContext ctx, string[] args)
    {
        new ArgParser("features", []).Parse(args);
        Console.WriteLine(RuntimeFeatures.ToJson(RuntimeFeatures.Create(RuntimeCommandLine.Version)));
        return 0;
    }
}
