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
                    Shares = p.ULong("cpu-shares"), Quota = p.Long("cpu-quota"), Period = p.ULong("cpu-period"),
                    Cpus = p.Value("cpuset-cpus"), Mems = p.Value("cpuset-mems"),
                    RealtimePeriod = p.ULong("cpu-rt-period"), RealtimeRuntime = p.Long("cpu-rt-runtime"),
                };
            if (p.Long("pids-limit") is { } pids) r.Pids = new LinuxPids { Limit = pids };
            if (p.ULong("blkio-weight", ushort.MaxValue) is { } w) r.BlockIO = new LinuxBlockIO { Weight = (ushort)w };
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

    /// <summary>
    /// Sizes as runc takes them (go-units RAMInBytes): a number, maybe with a fraction, then an optional space,
    /// k/m/g/t/p (powers of 1024, either case), an optional i and an optional b: 512, 64m, 1.5G, 2 GiB; -1 for unlimited.
    /// </summary>
    public static long? Size(ArgParser p, string name)
    {
        var v = p.Value(name);
        if (v is null) return null;
        if (v == "-1") return -1;
        var s = v;
        if (s.EndsWith('b') || s.EndsWith('B')) s = s[..^1];
        if (s.EndsWith('i') || s.EndsWith('I')) s = s[..^1];
        var shift = s.Length == 0 ? -1 : "kmgtp".IndexOf(char.ToLowerInvariant(s[^1]));
        if (shift >= 0) s = s[..^1];
        if (s.EndsWith(' ')) s = s[..^1];
        var mult = shift >= 0 ? 1L << (10 * (shift + 1)) : 1;
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || (dot >= 0 && (frac.Length == 0 || !frac.All(char.IsAsciiDigit))))
            throw BerthException.Invalid($"update: invalid size \"{v}\" for --{name}");
        if (whole.Length > 20) throw BerthException.Invalid($"update: size \"{v}\" for --{name} is too large");
        var size = decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture) * mult;
        if (size > long.MaxValue) throw BerthException.Invalid($"update: size \"{v}\" for --{name} is too large");
        return (long)size;
    }
}
