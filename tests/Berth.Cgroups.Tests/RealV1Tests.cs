using Berth.Cgroups.V2;
using Berth.Core;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Cgroups.Tests;

/// <summary>Against this machine's real cgroups (v1 or hybrid); every cgroup is a child of the test's own one and removed at the end.</summary>
public class RealV1Tests
{

    [RootFact(Needs = "v1")]
    public void Create_limit_add_freeze_stats_destroy()
    {
        using var cg = new RealCgroup();
        var m = cg.Manager;
        m.Create();
        Assert.True(m.Exists);
        Assert.All(m.Location.Directories(), d => Assert.True(Directory.Exists(d), d));
        foreach (var (controller, dir) in m.Location.Paths!)
            Assert.StartsWith(cg.Environment.OwnDirectory(controller), dir);

        m.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 64L << 20 }, Pids = new LinuxPids { Limit = 10 } });
        Assert.Equal((64L << 20).ToString(), cg.Read("memory", "memory.limit_in_bytes"));
        Assert.Equal("10", cg.Read("pids", "pids.max"));

        // The shell waits for a line, then burns some CPU and memory inside the cgroup, then sleeps.
        var p = cg.Spawn("sh", "-c", "read go; i=0; s=; while [ $i -lt 30000 ]; do i=$((i+1)); s=\"$s.\"; done; exec sleep 60");
        m.AddProcess(p.Id);
        Assert.Contains(p.Id, m.GetPids());
        Assert.Equal(p.Id.ToString(), cg.Read("memory", "cgroup.procs"));
        p.StandardInput.WriteLine("go");
        p.StandardInput.Flush();
        WaitFor(() => m.GetPids().Count == 1 && File.ReadAllText($"/proc/{m.GetPids()[0]}/comm").Trim() == "sleep");

        m.Freeze();
        Assert.Equal(FreezerState.Frozen, m.FreezerState);
        Assert.Equal("FROZEN", cg.Read("freezer", "freezer.state"));
        m.Thaw();
        Assert.Equal(FreezerState.Thawed, m.FreezerState);

        var s = m.Stats();
        Assert.True(s.CpuUsageTotalNs > 0, "cpu usage");
        Assert.True(s.CpuUsageUserNs + s.CpuUsageSystemNs > 0, "cpu user+system");
        Assert.True(s.MemoryUsageBytes > 0, "memory usage");
        Assert.True(s.MemoryMaxUsageBytes >= s.MemoryUsageBytes);
        Assert.Equal((ulong)(64L << 20), s.MemoryLimitBytes);
        Assert.Equal(1UL, s.PidsCurrent);
        Assert.Equal(10UL, s.PidsLimit);
        Assert.Equal(0UL, m.OomKillCount);

        var dirs = m.Location.Directories();
        m.Destroy(killProcesses: true);
        Assert.True(p.WaitForExit(5000));
        Assert.All(dirs, d => Assert.False(Directory.Exists(d), d));
        Assert.False(m.Exists);
        m.Destroy();
    }

    [RootFact(Needs = "v1")]
    public void Pids_limit_is_enforced()
    {
        using var cg = new RealCgroup();
        cg.Manager.Create();
        cg.Manager.Apply(new LinuxResources { Pids = new LinuxPids { Limit = 1 } });
        // With one task allowed, the shell's fork of /bin/true is refused and counted in pids.events.
        var p = cg.Spawn("sh", "-c", "read go; /bin/true 2>/dev/null; exec sleep 60");
        cg.Manager.AddProcess(p.Id);
        p.StandardInput.WriteLine("go");
        p.StandardInput.Flush();
        WaitFor(() => long.Parse(cg.Read("pids", "pids.events").Split(' ')[1]) >= 1);
        Assert.Equal("1", cg.Read("pids", "pids.max"));
    }

    [RootFact(Needs = "v1")]
    public void Cpuset_is_inherited_so_tasks_can_join()
    {
        using var cg = new RealCgroup();
        cg.Manager.Create();
        Assert.NotEqual("", cg.Read("cpuset", "cpuset.cpus"));
        Assert.NotEqual("", cg.Read("cpuset", "cpuset.mems"));
        var p = cg.Spawn("sleep", "60");
        cg.Manager.AddProcess(p.Id);
        Assert.Equal(p.Id.ToString(), cg.Read("cpuset", "cgroup.procs"));
    }

    [RootFact(Needs = "v1")]
    public void Swap_can_grow_and_shrink_in_either_order()
    {
        using var cg = new RealCgroup();
        Assert.True(File.Exists(Path.Combine(cg.Environment.OwnDirectory("memory"), "memory.memsw.limit_in_bytes")), "this test needs swap accounting");
        var m = cg.Manager;
        m.Create();
        m.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 64L << 20, Swap = 128L << 20 } });
        m.Update(new LinuxResources { Memory = new LinuxMemory { Limit = 32L << 20, Swap = 48L << 20 } });
        Assert.Equal((32L << 20).ToString(), cg.Read("memory", "memory.limit_in_bytes"));
        Assert.Equal((48L << 20).ToString(), cg.Read("memory", "memory.memsw.limit_in_bytes"));
        m.Update(new LinuxResources { Memory = new LinuxMemory { Limit = 256L << 20, Swap = 512L << 20 } });
        Assert.Equal((256L << 20).ToString(), cg.Read("memory", "memory.limit_in_bytes"));
        Assert.Equal((512L << 20).ToString(), cg.Read("memory", "memory.memsw.limit_in_bytes"));
        m.Update(new LinuxResources { Memory = new LinuxMemory { Limit = -1 } });
        Assert.Equal(cg.Read("memory", "memory.memsw.limit_in_bytes"), cg.Read("memory", "memory.limit_in_bytes"));
    }

    [RootFact(Needs = "v1")]
    public void Cpu_settings_reach_the_kernel_and_refusals_are_one_line()
    {
        using var cg = new RealCgroup();
        var m = cg.Manager;
        m.Create();
        m.Apply(new LinuxResources { Cpu = new LinuxCpu { Shares = 512, Period = 50000, Quota = 25000 } });
        Assert.Equal("512", cg.Read("cpu", "cpu.shares"));
        Assert.Equal("50000", cg.Read("cpu", "cpu.cfs_period_us"));
        Assert.Equal("25000", cg.Read("cpu", "cpu.cfs_quota_us"));
        m.Update(new LinuxResources { Cpu = new LinuxCpu { Quota = -1 } });
        Assert.Equal("-1", cg.Read("cpu", "cpu.cfs_quota_us"));

        var e = Assert.Throws<LinuxException>(() => m.Update(new LinuxResources { Cpu = new LinuxCpu { Quota = 10 } }));
        Assert.Equal(Errno.EINVAL, e.ErrorNumber);
        Assert.Equal($"write \"10\" to {Path.Combine(cg.Dir("cpu"), "cpu.cfs_quota_us")}: Invalid argument (errno 22)", e.Message);

        var clamped = Assert.Throws<BerthException>(() => m.Update(new LinuxResources { Cpu = new LinuxCpu { Shares = 1_000_000 } }));
        Assert.Contains("cpu.shares", clamped.Message);
    }

    [RootFact(Needs = "v1")]
    public void Device_rules_reach_devices_list()
    {
        using var cg = new RealCgroup();
        cg.Manager.Create();
        cg.Manager.Apply(new LinuxResources
        {
            Devices =
            [
                new LinuxDeviceCgroup { Allow = false, Access = "rwm" },
                new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
                new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 136, Access = "rw" },
            ],
        });
        var list = cg.Read("devices", "devices.list").Split('\n');
        Assert.Equal(["c 1:3 rwm", "c 136:* rw"], list);
    }

    [RootFact(Needs = "v1")]
    public void Destroy_without_kill_refuses_while_a_process_is_inside()
    {
        using var cg = new RealCgroup();
        cg.Manager.Create();
        var p = cg.Spawn("sleep", "60");
        cg.Manager.AddProcess(p.Id);
        var e = Assert.Throws<BerthException>(() => cg.Manager.Destroy(timeout: TimeSpan.FromMilliseconds(200)));
        Assert.Contains(p.Id.ToString(), e.Message);
        Assert.True(cg.Manager.Exists);
        cg.Manager.Destroy(killProcesses: true);
        Assert.False(cg.Manager.Exists);
        Assert.True(p.WaitForExit(5000));
    }

    [RootFact(Needs = "v1")]
    public void Reopened_manager_from_stored_location_sees_the_same_cgroup()
    {
        using var cg = new RealCgroup();
        cg.Manager.Create();
        var p = cg.Spawn("sleep", "60");
        cg.Manager.AddProcess(p.Id);
        var reopened = CgroupManagers.Open(CgroupLocation.FromJson(cg.Manager.Location.ToJson()));
        Assert.Equal([p.Id], reopened.GetPids());
        reopened.Destroy(killProcesses: true);
        Assert.False(cg.Manager.Exists);
    }

    [RootFact(Needs = "hybrid")]
    public void V2_manager_on_the_hybrid_side_hierarchy()
    {
        // The unified side mount of a hybrid host holds no controllers we need, but it is a real cgroup2 filesystem:
        // enough to check process moves, the v2 freezer, cgroup.kill and removal. The directory is made by hand so
        // nothing is written to the (pre-existing) parent's cgroup.subtree_control.
        var env = CgroupEnvironment.Detect();
        var dir = Path.Combine(env.OwnUnifiedDirectory(), "berth-test-" + Guid.NewGuid().ToString("N")[..12]);
        var m = new CgroupV2Manager(dir);
        System.Diagnostics.Process? p = null;
        try
        {
            Directory.CreateDirectory(dir);
            p = System.Diagnostics.Process.Start("sleep", "60");
            m.AddProcess(p.Id);
            Assert.Equal([p.Id], m.GetPids());
            if (m.FreezerState != FreezerState.Undefined)
            {
                m.Freeze();
                Assert.Equal(FreezerState.Frozen, m.FreezerState);
                m.Thaw();
                Assert.Equal(FreezerState.Thawed, m.FreezerState);
            }
            m.Destroy(killProcesses: true);
            Assert.True(p.WaitForExit(5000));
            Assert.False(Directory.Exists(dir));
        }
        finally
        {
            try { if (p is { HasExited: false }) p.Kill(); } catch (InvalidOperationException) { }
            try { m.Destroy(killProcesses: true); } catch (BerthException) { }
            p?.Dispose();
        }
    }

    static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try { if (condition()) return; } catch (IOException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 10s");
            Thread.Sleep(20);
        }
    }
}
