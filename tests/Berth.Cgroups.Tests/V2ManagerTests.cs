using Berth.Cgroups.V2;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups.Tests;

public class V2ManagerTests
{
    static LinuxResources Memory(long? limit = null, long? swap = null, long? reservation = null) =>
        new() { Memory = new LinuxMemory { Limit = limit, Swap = swap, Reservation = reservation } };

    [Fact]
    public void Create_enables_offered_controllers_from_the_base_down_to_the_parent()
    {
        using var t = new V2Tree();
        File.WriteAllText(Path.Combine(t.Base, "cgroup.subtree_control"), "memory");
        using var j = new WriteJournal();
        var m = t.Manager();
        m.Create();

        // The base offers six controllers and already delegates memory; berth offers none (a fixture file is not a kernel).
        Assert.Equal(["cgroup.subtree_control=+cpuset", "cgroup.subtree_control=+cpu", "cgroup.subtree_control=+io",
            "cgroup.subtree_control=+pids", "cgroup.subtree_control=+hugetlb"], j.Names);
        Assert.True(m.Exists);
    }

    [Fact]
    public void Create_makes_the_intermediate_levels()
    {
        using var tree = new TempTree();
        tree.Files("own", ("cgroup.controllers", ""), ("cgroup.subtree_control", ""));
        var m = new CgroupV2Manager(Path.Combine(tree.Root, "own", "a", "b", "c1"), Path.Combine(tree.Root, "own"));
        m.Create();
        Assert.True(Directory.Exists(Path.Combine(tree.Root, "own", "a", "b", "c1")));
    }

    [Fact]
    public void Base_must_be_an_ancestor()
    {
        Assert.Throws<BerthException>(() => new CgroupV2Manager("/sys/fs/cgroup/a/c1", "/sys/fs/cgroup/b"));
        Assert.Throws<BerthException>(() => new CgroupV2Manager("/sys/fs/cgroup/ab/c1", "/sys/fs/cgroup/a"));
        Assert.Equal("/sys/fs/cgroup/a", new CgroupV2Manager("/sys/fs/cgroup/a/c1").Location.Base);
    }

    [Fact]
    public void Memory_swap_is_the_oci_total_minus_the_limit()
    {
        using var t = new V2Tree();
        using var j = new WriteJournal();
        t.Manager().Apply(Memory(limit: 67108864, swap: 100663296, reservation: 33554432));
        Assert.Equal(["memory.swap.max=33554432", "memory.max=67108864", "memory.low=33554432"], j.Names);
    }

    [Fact]
    public void Swap_equal_to_memory_disables_swap()
    {
        using var t = new V2Tree();
        t.Manager().Apply(Memory(limit: 1000000, swap: 1000000));
        Assert.Equal("0", t.Read("memory.swap.max"));
    }

    [Fact]
    public void Unlimited_memory_makes_swap_unlimited()
    {
        using var t = new V2Tree();
        t.Write("memory.swap.max", "0");
        t.Manager().Apply(Memory(limit: -1));
        Assert.Equal("max", t.Read("memory.max"));
        Assert.Equal("max", t.Read("memory.swap.max"));
    }

    [Fact]
    public void Swap_without_memory_limit_is_rejected()
    {
        using var t = new V2Tree();
        Assert.Throws<BerthException>(() => t.Manager().Apply(Memory(swap: 1000)));
    }

    [Fact]
    public void Missing_swap_file_is_fine_for_max_and_an_error_for_a_number()
    {
        using var t = new V2Tree();
        File.Delete(Path.Combine(t.Dir, "memory.swap.max"));
        t.Manager().Apply(Memory(limit: -1, swap: -1));
        Assert.Throws<BerthException>(() => t.Manager().Apply(Memory(limit: 100, swap: 200)));
    }

    [Fact]
    public void Check_before_update_refuses_a_limit_below_usage()
    {
        using var t = new V2Tree();
        t.Write("memory.current", "5000");
        var e = Assert.Throws<BerthException>(() =>
            t.Manager().Update(new LinuxResources { Memory = new LinuxMemory { Limit = 4096, CheckBeforeUpdate = true } }));
        Assert.Contains("5000", e.Message);
        t.Manager().Update(new LinuxResources { Memory = new LinuxMemory { Limit = 4096 } });
        Assert.Equal("4096", t.Read("memory.max"));
    }

    [Fact]
    public void V1_only_memory_settings_become_warnings()
    {
        using var t = new V2Tree();
        var m = t.Manager();
        m.Apply(new LinuxResources { Memory = new LinuxMemory { Swappiness = 10, DisableOOMKiller = true, Kernel = 1, KernelTCP = 1 } });
        Assert.Equal(4, m.Warnings.Count);
    }

    [Theory]
    [InlineData(1024UL, "39")]
    [InlineData(2UL, "1")]
    [InlineData(262144UL, "10000")]
    public void Shares_become_weight(ulong shares, string weight)
    {
        using var t = new V2Tree();
        t.Manager().Apply(new LinuxResources { Cpu = new LinuxCpu { Shares = shares } });
        Assert.Equal(weight, t.Read("cpu.weight"));
    }

    [Theory]
    [InlineData(50000L, 100000UL, "50000 100000")]
    [InlineData(50000L, 0UL, "50000")]
    [InlineData(-1L, 100000UL, "max 100000")]
    [InlineData(-1L, 0UL, "max")]
    [InlineData(0L, 250000UL, "max 250000")]
    public void Quota_and_period_become_cpu_max(long quota, ulong period, string expected)
    {
        using var t = new V2Tree();
        t.Manager().Apply(new LinuxResources { Cpu = new LinuxCpu { Quota = quota, Period = period } });
        Assert.Equal(expected, t.Read("cpu.max"));
    }

    [Fact]
    public void Burst_idle_cpus_mems()
    {
        using var t = new V2Tree();
        t.Manager().Apply(new LinuxResources { Cpu = new LinuxCpu { Quota = 20000, Burst = 10000, Idle = 1, Cpus = "0-1", Mems = "0" } });
        Assert.Equal("10000", t.Read("cpu.max.burst"));
        Assert.Equal("1", t.Read("cpu.idle"));
        Assert.Equal("0-1", t.Read("cpuset.cpus"));
        Assert.Equal("0", t.Read("cpuset.mems"));
    }

    [Fact]
    public void Realtime_cpu_is_refused()
    {
        using var t = new V2Tree();
        Assert.Throws<BerthException>(() => t.Manager().Apply(new LinuxResources { Cpu = new LinuxCpu { RealtimeRuntime = 1000 } }));
    }

    [Theory]
    [InlineData(10L, "10")]
    [InlineData(-1L, "max")]
    public void Pids_limit(long limit, string expected)
    {
        using var t = new V2Tree();
        t.Write("pids.max", "7");
        t.Manager().Apply(new LinuxResources { Pids = new LinuxPids { Limit = limit } });
        Assert.Equal(expected, t.Read("pids.max"));
    }

    [Fact]
    public void Io_weight_is_converted_unless_bfq_is_there()
    {
        using var t = new V2Tree();
        var m = t.Manager();
        m.Apply(new LinuxResources { BlockIO = new LinuxBlockIO { Weight = 500, LeafWeight = 300 } });
        Assert.Equal("4950", t.Read("io.weight"));
        Assert.Contains(m.Warnings, w => w.Contains("leafWeight"));

        t.Write("io.bfq.weight", "100");
        m.Apply(new LinuxResources { BlockIO = new LinuxBlockIO { Weight = 500 } });
        Assert.Equal("500", t.Read("io.bfq.weight"));
    }

    [Fact]
    public void Hugetlb_max_and_rsvd_max()
    {
        using var t = new V2Tree();
        t.Manager().Apply(new LinuxResources { HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 4194304 }] });
        Assert.Equal("4194304", t.Read("hugetlb.2MB.max"));
        Assert.Equal("4194304", t.Read("hugetlb.2MB.rsvd.max"));
    }

    [Fact]
    public void Device_rules_are_recorded_as_not_enforced()
    {
        using var t = new V2Tree();
        var m = t.Manager();
        m.Apply(new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }] });
        Assert.Contains(m.Warnings, w => w.Contains("devices") && w.Contains("eBPF"));
    }

    [Fact]
    public void Unified_writes_files_verbatim_after_the_rest()
    {
        using var t = new V2Tree();
        using var j = new WriteJournal();
        t.Manager().Apply(new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 1000000 },
            Unified = new() { ["memory.high"] = "500000", ["memory.max"] = "2000000" },
        });
        Assert.Equal(["memory.max=1000000", "memory.high=500000", "memory.max=2000000"], j.Names);
    }

    [Theory]
    [InlineData("../memory.max")]
    [InlineData("memory")]
    [InlineData("cgroup.procs")]
    [InlineData("memory.nonexistent")]
    public void Unified_rejects_bad_keys(string key)
    {
        using var t = new V2Tree();
        var e = Assert.Throws<BerthException>(() => t.Manager().Apply(new LinuxResources { Unified = new() { [key] = "1" } }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void A_file_of_a_disabled_controller_explains_itself()
    {
        using var t = new V2Tree();
        File.Delete(Path.Combine(t.Dir, "pids.max"));
        var e = Assert.Throws<BerthException>(() => t.Manager().Apply(new LinuxResources { Pids = new LinuxPids { Limit = 3 } }));
        Assert.Contains("pids.max", e.Message);
        Assert.Contains("pids controller", e.Message);
        Assert.Contains("errno 2", e.Message);
    }

    [Fact]
    public void Freezer_state_comes_from_cgroup_freeze_and_cgroup_events()
    {
        using var t = new V2Tree();
        var m = t.Manager();
        Assert.Equal(FreezerState.Thawed, m.FreezerState);
        t.Write("cgroup.freeze", "1");
        Assert.Equal(FreezerState.Freezing, m.FreezerState);
        t.Write("cgroup.events", "populated 1\nfrozen 1\n");
        Assert.Equal(FreezerState.Frozen, m.FreezerState);
        File.Delete(Path.Combine(t.Dir, "cgroup.freeze"));
        Assert.Equal(FreezerState.Undefined, m.FreezerState);
    }

    [Fact]
    public void Freeze_writes_cgroup_freeze_and_returns_when_events_say_frozen()
    {
        using var t = new V2Tree();
        t.Write("cgroup.events", "populated 1\nfrozen 1\n"); // the fixture "kernel" has frozen it already
        t.Manager().Freeze();
        Assert.Equal("1", t.Read("cgroup.freeze"));
    }

    [Fact]
    public void Stats_from_v2_files()
    {
        using var t = new V2Tree();
        t.Write("cpu.stat", "usage_usec 3000\nuser_usec 2000\nsystem_usec 1000\nnr_periods 0\n");
        t.Write("memory.current", "4096");
        t.Write("memory.max", "67108864");
        t.Write("memory.peak", "8192");
        t.Write("memory.stat", "anon 100\nfile 200\nkernel 5\n");
        t.Write("memory.swap.current", "50");
        t.Write("memory.swap.max", "max");
        t.Write("memory.events", "low 0\nhigh 0\nmax 3\noom 2\noom_kill 1\n");
        t.Write("pids.current", "2");
        t.Write("pids.max", "10");
        t.Write("io.stat", "8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n8:16 rbytes=1 wbytes=2\n");

        var m = t.Manager();
        var s = m.Stats();

        Assert.Equal(3000000UL, s.CpuUsageTotalNs);
        Assert.Equal(2000000UL, s.CpuUsageUserNs);
        Assert.Equal(1000000UL, s.CpuUsageSystemNs);
        Assert.Equal(4096UL, s.MemoryUsageBytes);
        Assert.Equal(67108864UL, s.MemoryLimitBytes);
        Assert.Equal(8192UL, s.MemoryMaxUsageBytes);
        Assert.Equal(100UL, s.MemoryRssBytes);
        Assert.Equal(200UL, s.MemoryCacheBytes);
        Assert.Equal(50UL, s.SwapUsageBytes);
        Assert.Null(s.SwapLimitBytes);
        Assert.Equal(2UL, s.PidsCurrent);
        Assert.Equal(10UL, s.PidsLimit);
        Assert.Equal(101UL, s.BlkioReadBytes);
        Assert.Equal(202UL, s.BlkioWriteBytes);
        Assert.Equal(1UL, s.OomKillCount);
        Assert.Equal(1UL, m.OomKillCount);
    }

    [Fact]
    public void Destroy_removes_the_cgroup_and_nested_ones_and_is_idempotent()
    {
        using var t = new V2Tree();
        Directory.CreateDirectory(Path.Combine(t.Dir, "inner"));
        var m = t.Manager();
        m.Destroy();
        Assert.False(Directory.Exists(t.Dir));
        Assert.True(Directory.Exists(Path.Combine(t.Base, "berth")));
        m.Destroy();
    }

    [Fact]
    public void Destroy_with_kill_uses_cgroup_kill_when_present()
    {
        using var t = new V2Tree();
        t.Write("cgroup.kill", "");
        using var j = new WriteJournal();
        t.Manager().Destroy(killProcesses: true);
        Assert.Equal(["cgroup.kill=1"], j.Names);
    }
}
