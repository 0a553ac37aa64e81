using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`update`: change a running container's resources, from flags or `-r resources.json` (- for stdin).</summary>
public static class UpdateCommand
{
    public static int Run(CliContext ctx, string[] args)
    {
        var p = new ArgParser("update", ["resources|r=", "memory|m=", "memory-swap=", "memory-reservation=", "kernel-memory=",
            "cpu-shares=", "cpu-quota=", "cpu-period=", "cpu-rt-period=", "cpu-rt-runtime=", "cpuset-cpus=", "cpuset-mems=",
            "pids-limit=", "blkio-weight=", "cpu-idle=", "l3-cache-schema=", "mem-bw-schema="]).Parse(args);
        var id = p.Id();
        LinuxResources r;
        if (p.Value("resources") is { } file)
        {
            var bytes = file == "-" ? ReadAll(Console.OpenStandardInput()) : File.ReadAllBytes(file);
            r = OciJson.Parse(bytes, file, OciJsonContext.Default.LinuxResources) ?? throw BerthException.Invalid($"{file}: empty resources");
        }
        else
        {
            r = new LinuxResources();
            if (p.Has("memory") || p.Has("memory-swap") || p.Has("memory-reservation"))
                r.Memory = new LinuxMemory { Limit = Size(p, "memory"), Swap = Size(p, "memory-swap"), Reservation = Size(p, "memory-reservation") };
            if (p.Has("cpu-shares") || p.Has("cpu-quota") || p.Has("cpu-period") || p.Has("cpuset-cpus") || p.Has("cpuset-mems") || p.Has("cpu-rt-period") || p.Has("cpu-rt-runtime"))
                r.Cpu = new LinuxCpu
                {
                    Shares = (ulong?)p.Long("cpu-shares"), Quota = p.Long("cpu-quota"), Period = (ulong?)p.Long("cpu-period"),
                    Cpus = p.Value("cpuset-cpus"), Mems = p.Value("cpuset-mems"),
                    RealtimePeriod = (ulong?)p.Long("cpu-rt-period"), RealtimeRuntime = p.Long("cpu-rt-runtime"),
                };
            if (p.Long("pids-limit") is { } pids) r.Pids = new LinuxPids { Limit = pids };
            if (p.Long("blkio-weight") is { } w) r.BlockIO = new LinuxBlockIO { Weight = (ushort)w };
        }
        ctx.Runtime.Update(id, r);
        return 0;
    }

    static byte[] ReadAll(Stream s)
    {
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>Sizes as runc takes them: bytes, or with k/m/g suffix; -1 for unlimited.</summary>
    public static long? Size(ArgParser p, string name)
    {
        var v = p.Value(name);
        if (v is null) return null;
        if (v == "-1") return -1;
        var s = v.ToLowerInvariant().TrimEnd('b');
        long mult = 1;
        if (s.EndsWith('k')) { mult = 1L << 10; s = s[..^1]; }
        else if (s.EndsWith('m')) { mult = 1L << 20; s = s[..^1]; }
        else if (s.EndsWith('g')) { mult = 1L << 30; s = s[..^1]; }
        return long.TryParse(s, out var n) && n >= 0 ? n * mult : throw BerthException.Invalid($"update: invalid size \"{v}\" for --{name}");
    }
}
