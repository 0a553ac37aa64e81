using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>config.json fields with a visible effect inside the container: process limits and identity, kernel settings, devices, tmpfs.</summary>
public sealed class ConfigTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Rlimits_oom_score_no_new_privileges_and_umask_apply(string runtime)
    {
        using var s = new Sandbox(runtime, "proc");
        var p = s.Config["process"]!.AsObject();
        p["rlimits"] = new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["soft"] = 512, ["hard"] = 1000 });
        p["oomScoreAdj"] = 300;
        p["noNewPrivileges"] = true;
        p["user"]!["umask"] = 63; // 0077
        s.Shell("ulimit -n; ulimit -Hn; cat /proc/self/oom_score_adj; grep NoNewPrivs /proc/self/status | tr -d '\\t '; umask").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal(["512", "1000", "300", "NoNewPrivs:1", "0077"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc, Skip = "runc 1.1.5 ignores domainname (\"(none)\")")]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Sysctls_and_domainname_are_set_in_the_containers_namespaces(string runtime)
    {
        using var s = new Sandbox(runtime, "sysctl");
        s.Config["domainname"] = "berth.test";
        s.Config["linux"]!["sysctl"] = new JsonObject { ["net.ipv4.ip_forward"] = "1", ["kernel.msgmax"] = "4321" };
        s.Shell("cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/msgmax /proc/sys/kernel/domainname").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal(["1", "4321", "berth.test"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.NotEqual("4321", File.ReadAllText("/proc/sys/kernel/msgmax").Trim()); // the host's is untouched
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc, Skip = "runc 1.1.5 gives a tmpfs the mode of the directory under it (1777 here) even with mode=700; crun and berth-runtime honour mode=")]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Configured_devices_and_a_sized_tmpfs_are_made(string runtime)
    {
        using var s = new Sandbox(runtime, "devices");
        s.Config["linux"]!["devices"] = new JsonArray(new JsonObject
        {
            ["path"] = "/dev/berth-null", ["type"] = "c", ["major"] = 1, ["minor"] = 3, ["fileMode"] = 416 /* 0640 */, ["uid"] = 1000, ["gid"] = 1000,
        });
        s.Config["mounts"]!.AsArray().Add(new JsonObject
        {
            ["destination"] = "/tmp", ["type"] = "tmpfs", ["source"] = "tmpfs", // an existing directory: the shared rootfs stays as it is
            ["options"] = new JsonArray("nosuid", "nodev", "size=1m", "mode=700"),
        });
        s.Shell("stat -c '%t,%T %a %u:%g' /dev/berth-null; stat -c %a /tmp; grep ' /tmp ' /proc/self/mountinfo | grep -o 'size=[0-9a-z]*'").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal(["1,3 640 1000:1000", "700", "size=1024k"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Rootfs_propagation_private_leaves_the_root_unshared(string runtime)
    {
        using var s = new Sandbox(runtime, "propagation");
        s.Config["linux"]!["rootfsPropagation"] = "private";
        s.Shell("awk '$5 == \"/\"' /proc/self/mountinfo").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Contains(" / ", r.Stdout);
        Assert.DoesNotContain("shared:", r.Stdout);
        Assert.DoesNotContain("master:", r.Stdout);
    }
}
