using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>What the runc CVEs taught: no host descriptor or cwd reaches the container; the runtime binary stays out of reach.</summary>
public sealed class SafetyTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun, Skip = "crun 1.8 (through scripts/crun-hybrid) hands the container descriptors 3, 4 and 5")]
    public void Only_stdio_descriptors_reach_the_container(string runtime)
    {
        using var s = new Sandbox(runtime, "fds");
        // The shell's own descriptors: 0, 1 and 2, and nothing inherited from the runtime.
        s.Shell("ls /proc/$$/fd | sort -n | tr '\\n' ' '").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("0 1 2", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void The_cwd_is_inside_the_container(string runtime)
    {
        using var s = new Sandbox(runtime, "cwd");
        s.Config["process"]!["cwd"] = "/tmp";
        s.Shell("pwd; readlink /proc/self/cwd").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("/tmp\n/tmp", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc, Skip = "runc 1.1.5's `runc init` shows its exe as \"/\" from the host, so the memfd check does not apply")]
    public void A_created_containers_init_does_not_run_from_the_runtime_binary(string runtime)
    {
        using var s = new Sandbox(runtime, "sealed");
        s.Shell("true").WriteConfig();
        var pid = s.Create() is { Succeeded: true } ? s.Pid() : 0;
        Assert.True(pid > 0, "create failed");
        var exe = new FileInfo($"/proc/{pid}/exe").LinkTarget ?? "";
        var runtimeBinary = Path.GetFullPath(s.Runtime.File);
        Assert.NotEqual(runtimeBinary, exe);
        Assert.StartsWith("/memfd:", exe);
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void A_failed_setup_leaves_no_container_behind(string runtime)
    {
        using var s = new Sandbox(runtime, "badmount");
        var mounts = s.Config["mounts"]!.AsArray();
        mounts.Add(new JsonObject
        {
            ["destination"] = "/data",
            ["type"] = "bind",
            ["source"] = "/no/such/dir/berth-conformance",
            ["options"] = new JsonArray("rbind", "ro"),
        });
        s.Shell("true").WriteConfig();
        var r = s.Create();
        Assert.True(r.ExitCode != 0, $"create with a missing bind source should fail:\n{r}");
        Assert.Contains("/no/such/dir/berth-conformance", r.Stderr + r.Stdout);
        Assert.True(s.Cli("state", s.Id).ExitCode != 0, "a container exists after a failed create");
        Assert.DoesNotContain(s.Id, s.Cli("list").Stdout);
        if (runtime == RuntimeUnderTest.Berth)
        {
            // Berth's cgroup (relative path, under the runtime's own cgroup) is gone too.
            var own = File.ReadAllLines("/proc/self/cgroup").First(l => l.Contains(":pids:") || l.StartsWith("0::")).Split(':', 3)[2];
            var mount = File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "/sys/fs/cgroup" : "/sys/fs/cgroup/pids";
            Assert.False(Directory.Exists(Path.Combine(mount + own, "berth-conf-" + s.Id)), "the cgroup was left behind");
        }
    }
}
