using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>Resources: the memory limit lands in the container's cgroup, the pids limit is enforced, pause/resume freeze it.</summary>
public sealed class CgroupTests
{
    /// <summary>
    /// Read on the host, where the kernel put the container: the init's /proc/PID/cgroup names its memory cgroup
    /// (whatever path scheme the runtime uses for a relative cgroupsPath), whose limit must be the config's.
    /// </summary>
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Memory_limit_is_set_on_the_containers_cgroup(string runtime)
    {
        const long limit = 64L * 1024 * 1024;
        using var s = new Sandbox(runtime, "memory");
        s.Config["linux"]!["resources"] = new JsonObject { ["memory"] = new JsonObject { ["limit"] = limit } };
        s.Args("sleep", "60").WriteConfig();
        var pid = s.CreateAndStart();
        Assert.True(pid > 0, "state has no pid");
        var cgroup = File.ReadAllLines($"/proc/{pid}/cgroup");
        string file;
        if (CgroupLayout.IsUnified)
        {
            var path = cgroup.Single(l => l.StartsWith("0::", StringComparison.Ordinal))[3..];
            file = $"/sys/fs/cgroup{path}/memory.max";
        }
        else
        {
            var line = cgroup.FirstOrDefault(l => l.Split(':')[1].Split(',').Contains("memory"));
            Assert.True(line is not null, $"init {pid} is in no memory cgroup:\n{string.Join('\n', cgroup)}");
            file = $"/sys/fs/cgroup/memory{line.Split(':', 3)[2]}/memory.limit_in_bytes";
        }
        Assert.True(File.Exists(file), $"{file} is missing; /proc/{pid}/cgroup:\n{string.Join('\n', cgroup)}");
        Assert.Equal(Sandbox.Invariant(limit), File.ReadAllText(file).Trim());
        // The container is in a cgroup of its own, not in the runtime's.
        Assert.Contains("berth-conf-" + s.Id, string.Join('\n', cgroup), StringComparison.Ordinal);
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Pids_limit_is_enforced(string runtime)
    {
        using var s = new Sandbox(runtime, "pids");
        s.Config["linux"]!["resources"] = new JsonObject { ["pids"] = new JsonObject { ["limit"] = 10 } };
        // Start 30 sleeps in a subshell (ash gives up at the first failed fork), then count those that started:
        // `set -- $(pidof sleep)` costs a single fork.
        s.Shell("(for i in $(seq 30); do sleep 5 & done) 2>/dev/null; set -- $(pidof sleep); echo started=$#").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        var line = r.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("started=", StringComparison.Ordinal));
        Assert.True(line is not null, r.ToString());
        var started = int.Parse(line["started=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(started is > 0 and < 10, $"{started} of 30 sleeps started under pids.limit 10:\n{r}");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Pause_and_resume(string runtime)
    {
        using var s = new Sandbox(runtime, "pause");
        s.Args("sleep", "60").WriteConfig();
        var pid = s.CreateAndStart();
        var paused = s.Cli("pause", s.Id);
        Assert.True(paused.Succeeded, paused.ToString());
        Assert.Equal("paused", s.Status());
        // Frozen: the kernel reports the init as stopped in the freezer ("D" or "S" are normal; check the freezer state).
        var resumed = s.Cli("resume", s.Id);
        Assert.True(resumed.Succeeded, resumed.ToString());
        Assert.Equal("running", s.Status());
        Assert.True(Directory.Exists($"/proc/{pid}"), "the container's init is gone after resume");
    }
}
