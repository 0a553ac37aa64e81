using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>The container's mount table: the standard mounts, a read-only root, masked and read-only paths.</summary>
public sealed class MountTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Standard_mounts_have_the_right_types(string runtime)
    {
        using var s = new Sandbox(runtime, "mounts");
        s.Shell("cat /proc/self/mountinfo; echo ---; cat /etc/hostname; ls /bin/busybox").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        var parts = r.Stdout.Split("---\n", 2);
        var mounts = parts[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(MountInfo.Parse).OfType<MountInfo>()
            .GroupBy(m => m.MountPoint).ToDictionary(g => g.Key, g => g.Last()); // the last mount on a point is the visible one
        var expected = new Dictionary<string, string>
        {
            ["/proc"] = "proc",
            ["/dev"] = "tmpfs",
            ["/dev/pts"] = "devpts",
            ["/dev/shm"] = "tmpfs",
            ["/dev/mqueue"] = "mqueue",
            ["/sys"] = "sysfs",
        };
        foreach (var (point, type) in expected)
        {
            Assert.True(mounts.TryGetValue(point, out var m), $"{point} is not mounted:\n{r}");
            Assert.True(type == m.FsType, $"{point} is {m.FsType}, expected {type}:\n{r}");
        }
        Assert.True(mounts.TryGetValue("/", out var root), $"no / in mountinfo:\n{r}");
        Assert.True(root.ReadOnly, $"/ should be mounted ro (root.readonly = true):\n{r}");
        // The rootfs is the busybox one: its /etc/hostname says "berth" (the container's hostname is "conformance").
        Assert.True(parts.Length == 2 && parts[1].StartsWith("berth\n/bin/busybox", StringComparison.Ordinal), $"/ is not the busybox rootfs:\n{r}");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Readonly_root_refuses_writes(string runtime)
    {
        using var s = new Sandbox(runtime, "rootro");
        s.Shell("if touch /probe 2>/dev/null; then echo written; else echo refused; fi; " +
                "if touch /dev/shm/probe; then echo shm-written; fi").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("refused\nshm-written", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Writable_root_accepts_writes(string runtime)
    {
        using var s = new Sandbox(runtime, "rootrw");
        // A private copy: a writable root must not touch the shared rootfs.
        var rootfs = s.TempPath("rootfs");
        var cp = ProcessRunner.Run("cp", "-a", s.Config["root"]!["path"]!.GetValue<string>(), rootfs);
        Assert.True(cp.Succeeded, cp.ToString());
        s.Config["root"] = new System.Text.Json.Nodes.JsonObject { ["path"] = rootfs, ["readonly"] = false };
        s.Shell("echo data > /probe && cat /probe").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("data", r.Stdout.Trim());
        Assert.Equal("data\n", File.ReadAllText(Path.Combine(rootfs, "probe")));
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Masked_paths_are_empty_or_unreadable(string runtime)
    {
        using var s = new Sandbox(runtime, "masked");
        var masked = s.Config["linux"]!["maskedPaths"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        Assert.Contains("/proc/kcore", masked);
        // A masked file reads as nothing (/dev/null over it); a masked directory lists as nothing (an empty read-only tmpfs).
        s.Shell("for p in \"$@\"; do if [ -d $p ]; then n=$(ls -A $p 2>/dev/null | wc -l); else n=$(head -c 64 $p 2>/dev/null | wc -c); fi; echo \"$p $n\"; done");
        s.Config["process"]!["args"]!.AsArray().Add("sh");
        foreach (var p in masked)
        {
            s.Config["process"]!["args"]!.AsArray().Add(p);
        }
        s.WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(masked.Length, lines.Length);
        foreach (var line in lines)
        {
            Assert.True(line.EndsWith(" 0", StringComparison.Ordinal), $"masked path readable: {line}\n{r}");
        }
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Readonly_paths_refuse_writes(string runtime)
    {
        using var s = new Sandbox(runtime, "ropaths");
        var readonlyPaths = s.Config["linux"]!["readonlyPaths"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        Assert.Contains("/proc/sys", readonlyPaths);
        // Writing the UTS-namespaced hostname back through /proc/sys must fail (it would succeed on a rw /proc/sys).
        s.Shell("if cat /proc/sys/kernel/hostname > /proc/sys/kernel/hostname; then echo written; else echo refused; fi; " +
                "echo ---; cat /proc/self/mountinfo").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        var parts = r.Stdout.Split("---\n", 2);
        Assert.True(parts[0].Trim() == "refused", $"/proc/sys is writable:\n{r}");
        var mounts = parts[1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(MountInfo.Parse).OfType<MountInfo>()
            .GroupBy(m => m.MountPoint).ToDictionary(g => g.Key, g => g.Last());
        foreach (var p in readonlyPaths.Where(p => mounts.ContainsKey(p)))
        {
            Assert.True(mounts[p].ReadOnly, $"{p} is mounted rw:\n{r}");
        }
        Assert.True(mounts.ContainsKey("/proc/sys"), $"/proc/sys is not a (read-only) mount:\n{r}");
    }
}
