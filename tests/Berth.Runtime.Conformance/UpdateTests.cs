using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>`update` changes a running container's limits; `events --stats` reports its counters.</summary>
public sealed class UpdateTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    public void Update_changes_the_pids_and_memory_limits(string runtime)
    {
        using var s = new Sandbox(runtime, "update");
        s.Config["linux"]!["resources"] = new JsonObject
        {
            ["pids"] = new JsonObject { ["limit"] = 50 },
            ["memory"] = new JsonObject { ["limit"] = 64L << 20 },
        };
        s.Shell("sleep 30").WriteConfig();
        s.CreateAndStart();
        var u = s.Cli("update", "--pids-limit", "20", "--memory", "96m", s.Id);
        Assert.True(u.Succeeded, $"update failed:\n{u}");
        var r = s.Cli("exec", s.Id, "sh", "-c", "cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/memory.max");
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal(["20", (96L << 20).ToString()], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    public void Events_stats_reports_the_containers_counters(string runtime)
    {
        using var s = new Sandbox(runtime, "stats");
        s.Config["linux"]!["resources"] = new JsonObject { ["pids"] = new JsonObject { ["limit"] = 40 } };
        s.Shell("sleep 30").WriteConfig();
        s.CreateAndStart();
        var r = s.Cli("events", "--stats", s.Id);
        Assert.True(r.Succeeded, r.ToString());
        var e = JsonNode.Parse(r.Stdout)!.AsObject();
        Assert.Equal("stats", e["type"]!.GetValue<string>());
        Assert.Equal(s.Id, e["id"]!.GetValue<string>());
        Assert.True(e["data"]!["pids"]!["current"]!.GetValue<long>() >= 1, r.Stdout);
        Assert.Equal(40, e["data"]!["pids"]!["limit"]!.GetValue<long>());
        Assert.True(e["data"]!["memory"]!["usage"]!["usage"]!.GetValue<ulong>() > 0, r.Stdout);
    }
}
