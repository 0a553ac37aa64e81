using System.Text.Json;
using Berth.Cgroups;
using Berth.Core;

namespace Berth.Runtime.Cli.Commands;

/// <summary>
/// `events [--stats] [--interval 5s] ID`: with --stats one stats event; otherwise a stats event every interval
/// and an "oom" event whenever the container's OOM-kill count grows, until the container stops (runc's shape).
/// </summary>
public static class EventsCommand
{
    public static int Run(CliContext ctx, string[] args)
    {
        var p = new ArgParser("events", ["stats", "interval="]).Parse(args);
        var id = p.Id();
        var interval = ParseInterval(p.Value("interval") ?? "5s");
        var stats = ctx.Runtime.Stats(id) ?? throw BerthException.Precondition($"container {id} has no cgroup to read");
        if (p.Has("stats"))
        {
            Print(Stats(id, stats));
            return 0;
        }
        var oomSeen = stats.OomKillCount;
        while (true)
        {
            Print(Stats(id, stats));
            if (stats.OomKillCount > oomSeen) Print(Oom(id));
            oomSeen = stats.OomKillCount;
            if (ctx.Runtime.IsStopped(id)) return 0;
            Thread.Sleep(interval);
            if (ctx.Runtime.Stats(id) is not { } next) return 0;
            stats = next;
        }
    }

    static TimeSpan ParseInterval(string v)
    {
        double n;
        if (v.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(v[..^2], out n)) return TimeSpan.FromMilliseconds(n);
        if (v.EndsWith('s') && double.TryParse(v[..^1], out n)) return TimeSpan.FromSeconds(n);
        if (v.EndsWith('m') && double.TryParse(v[..^1], out n)) return TimeSpan.FromMinutes(n);
        throw BerthException.Invalid($"events: invalid --interval \"{v}\" (use e.g. 500ms, 5s, 1m)");
    }

    static void Print(byte[] json)
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(json);
        stdout.Write("\n"u8);
        stdout.Flush();
    }

    static byte[] Oom(string id) => Event(id, "oom", null);

    /// <summary>runc's types.Stats: cpu.usage, memory.usage/swap, pids, blkio.</summary>
    static byte[] Stats(string id, CgroupStats s) => Event(id, "stats", w =>
    {
        w.WriteStartObject("cpu");
        w.WriteStartObject("usage");
        w.WriteNumber("total", s.CpuUsageTotalNs);
        w.WriteNumber("kernel", s.CpuUsageSystemNs);
        w.WriteNumber("user", s.CpuUsageUserNs);
        w.WriteEndObject();
        w.WriteStartObject("throttling");
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("memory");
        w.WriteNumber("cache", s.MemoryCacheBytes);
        w.WriteStartObject("usage");
        w.WriteNumber("limit", s.MemoryLimitBytes ?? ulong.MaxValue);
        w.WriteNumber("usage", s.MemoryUsageBytes);
        w.WriteNumber("max", s.MemoryMaxUsageBytes);
        w.WriteEndObject();
        w.WriteStartObject("swap");
        w.WriteNumber("limit", s.SwapLimitBytes ?? ulong.MaxValue);
        w.WriteNumber("usage", s.SwapUsageBytes);
        w.WriteEndObject();
        w.WriteStartObject("raw");
        w.WriteNumber("rss", s.MemoryRssBytes);
        w.WriteNumber("cache", s.MemoryCacheBytes);
        w.WriteNumber("oom_kill", s.OomKillCount);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("pids");
        w.WriteNumber("current", s.PidsCurrent);
        if (s.PidsLimit is { } limit) w.WriteNumber("limit", limit);
        w.WriteEndObject();

        w.WriteStartObject("blkio");
        w.WriteStartArray("ioServiceBytesRecursive");
        foreach (var (op, value) in new[] { ("Read", s.BlkioReadBytes), ("Write", s.BlkioWriteBytes) })
        {
            w.WriteStartObject();
            w.WriteString("op", op);
            w.WriteNumber("value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    static byte[] Event(string id, string type, Action<Utf8JsonWriter>? data)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("id", id);
            if (data is not null)
            {
                w.WriteStartObject("data");
                data(w);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return ms.ToArray();
    }
}
