using Berth.Core;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Cgroups.Tests;

public class V1ManagerTests
{
    static LinuxResources Memory(long? limit = null, long? swap = null, long? reservation = null) =>
        new() { Memory = new LinuxMemory { Limit = limit, Swap = swap, Reservation = reservation } };

    [Fact]
    public void Memory_limit_reservation_and_swap_go_to_their_files()
    {
        using var t = new V1Tree("memory");
        t.Manager().Apply(Memory(limit: 67108864, swap: 134217728, reservation: 33554432));

        Assert.Equal("67108864", t.Read("memory", "memory.limit_in_bytes"));
        Assert.Equal("134217728", t.Read("memory", "memory.memsw.limit_in_bytes"));
        Assert.Equal("33554432", t.Read("memory", "memory.soft_limit_in_bytes"));
    }

    [Fact]
    public void Growing_swap_writes_memsw_first_shrinking_writes_memory_first()
    {
        using var t = new V1Tree("memory");
        t.Write("memory", "memory.memsw.limit_in_bytes", "100000000");
        using (var grow = new WriteJournal())
        {
            t.Manager().Apply(Memory(limit: 150000000, swap: 200000000));
            Assert.Equal(["memory.memsw.limit_in_bytes=200000000", "memory.limit_in_bytes=150000000"], grow.Names);
        }
        using (var shrink = new WriteJournal())
        {
            t.Manager().Update(Memory(limit: 50000000, swap: 60000000));
            Assert.Equal(["memory.limit_in_bytes=50000000", "memory.memsw.limit_in_bytes=60000000"], shrink.Names);
        }
    }

    [Fact]
    public void Unlimited_memory_without_swap_makes_memsw_unlimited_too()
    {
        using var t = new V1Tree("memory");
        using var j = new WriteJournal();
        t.Manager().Apply(Memory(limit: -1));
        Assert.Equal(["memory.memsw.limit_in_bytes=-1", "memory.limit_in_bytes=-1"], j.Names);
    }

    [Fact]
    public void Zero_means_unset()
    {
        using var t = new V1Tree("memory", "cpu", "pids");
        using var j = new WriteJournal();
        t.Manager().Apply(new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 0, Swap = 0, Reservation = 0, Kernel = 0, KernelTCP = 0 },
            Cpu = new LinuxCpu { Shares = 0, Quota = 0, Period = 0 },
            Pids = new LinuxPids { Limit = 0 },
        });
        Assert.Empty(j.Names);
    }

    [Fact]
    public void Swap_below_memory_is_rejected()
    {
        using var t = new V1Tree("memory");
        var e = Assert.Throws<BerthException>(() => t.Manager().Apply(Memory(limit: 200, swap: 100)));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Swap_without_swap_accounting_is_an_error_but_unlimited_swap_is_ignored()
    {
        using var t = new V1Tree("memory");
        File.Delete(Path.Combine(t.Paths["memory"], "memory.memsw.limit_in_bytes"));
        var e = Assert.Throws<BerthException>(() => t.Manager().Apply(Memory(limit: 100, swap: 200)));
        Assert.Contains("memory.memsw.limit_in_bytes", e.Message);

        t.Manager().Apply(Memory(limit: -1, swap: -1));
        Assert.Equal("-1", t.Read("memory", "memory.limit_in_bytes"));
    }

    [Fact]
    public void Oom_killer_swappiness_kernel_tcp_and_deprecated_kernel_memory()
    {
        using var t = new V1Tree("memory");
        var m = t.Manager();
        m.Apply(new LinuxResources { Memory = new LinuxMemory { DisableOOMKiller = true, Swappiness = 0, KernelTCP = 1048576, Kernel = 1048576 } });

        Assert.Equal("1", t.Read("memory", "memory.oom_control"));
        Assert.Equal("0", t.Read("memory", "memory.swappiness"));
        Assert.Equal("1048576", t.Read("memory", "memory.kmem.tcp.limit_in_bytes"));
        Assert.Contains(m.Warnings, w => w.Contains("memory.kernel"));
        Assert.Throws<BerthException>(() => m.Apply(new LinuxResources { Memory = new LinuxMemory { Swappiness = 101 } }));
    }

    [Fact]
    public void Cpu_shares_period_quota_burst_rt_idle()
    {
        using var t = new V1Tree("cpu");
        using var j = new WriteJournal();
        t.Manager().Apply(new LinuxResources
        {
            Cpu = new LinuxCpu { Shares = 512, Period = 50000, Quota = 25000, Burst = 1000, RealtimePeriod = 1000000, RealtimeRuntime = 950000, Idle = 0 },
        });

        Assert.Equal(
            ["cpu.shares=512", "cpu.cfs_period_us=50000", "cpu.cfs_quota_us=25000", "cpu.cfs_burst_us=1000",
             "cpu.rt_period_us=1000000", "cpu.rt_runtime_us=950000", "cpu.idle=0"],
            j.Names);
    }

    [Fact]
    public void Cpu_quota_minus_one_is_written_as_minus_one()
    {
        using var t = new V1Tree("cpu");
        t.Write("cpu", "cpu.cfs_quota_us", "50000");
        t.Manager().Apply(new LinuxResources { Cpu = new LinuxCpu { Quota = -1 } });
        Assert.Equal("-1", t.Read("cpu", "cpu.cfs_quota_us"));
    }

    [Fact]
    public void Burst_above_quota_is_rejected()
    {
        using var t = new V1Tree("cpu");
        Assert.Throws<BerthException>(() => t.Manager().Apply(new LinuxResources { Cpu = new LinuxCpu { Quota = 1000, Burst = 2000 } }));
    }

    [Fact]
    public void Create_copies_cpuset_down_from_the_nearest_configured_ancestor()
    {
        using var t = new V1Tree("cpuset", "memory");
        t.Manager().Create();

        Assert.Equal("0-3", t.Read("cpuset", "cpuset.cpus"));
        Assert.Equal("0", t.Read("cpuset", "cpuset.mems"));
        Assert.Equal("0-3", File.ReadAllText(Path.Combine(t.Root, "cpuset", "berth", "cpuset.cpus")).Trim());
    }

    [Fact]
    public void Create_keeps_cpusets_already_set_and_explicit_cpus_win()
    {
        using var t = new V1Tree("cpuset");
        t.Write("cpuset", "cpuset.cpus", "1");
        t.Write("cpuset", "cpuset.mems", "0");
        var m = t.Manager();
        m.Create();
        Assert.Equal("1", t.Read("cpuset", "cpuset.cpus"));
        m.Apply(new LinuxResources { Cpu = new LinuxCpu { Cpus = "2-3", Mems = "0" } });
        Assert.Equal("2-3", t.Read("cpuset", "cpuset.cpus"));
    }

    [Fact]
    public void Create_makes_missing_directories()
    {
        using var tree = new TempTree();
        var m = new V1.CgroupV1Manager(new Dictionary<string, string>
        {
            ["memory"] = Path.Combine(tree.Root, "memory", "berth", "c2"),
            ["cpu"] = Path.Combine(tree.Root, "cpu,cpuacct", "berth", "c2"),
            ["cpuacct"] = Path.Combine(tree.Root, "cpu,cpuacct", "berth", "c2"),
        });
        Assert.False(m.Exists);
        m.Create();
        Assert.True(m.Exists);
        Assert.True(Directory.Exists(Path.Combine(tree.Root, "cpu,cpuacct", "berth", "c2")));
        Assert.Equal(2, m.Location.Directories().Count);
    }

    [Theory]
    [InlineData(10L, "10")]
    [InlineData(-1L, "max")]
    [InlineData(-5L, "max")]
    public void Pids_limit(long limit, string expected)
    {
        using var t = new V1Tree("pids");
        t.Write("pids", "pids.max", "123");
        t.Manager().Apply(new LinuxResources { Pids = new LinuxPids { Limit = limit } });
        Assert.Equal(expected, t.Read("pids", "pids.max"));
    }

    [Fact]
    public void Blkio_weight_prefers_cfq_file_then_bfq()
    {
        using var t = new V1Tree("blkio");
        t.Manager().Apply(new LinuxResources { BlockIO = new LinuxBlockIO { Weight = 300, LeafWeight = 200 } });
        Assert.Equal("300", t.Read("blkio", "blkio.weight"));
        Assert.Equal("200", t.Read("blkio", "blkio.leaf_weight"));

        File.Delete(Path.Combine(t.Paths["blkio"], "blkio.weight"));
        File.WriteAllText(Path.Combine(t.Paths["blkio"], "blkio.bfq.weight"), "100");
        t.Manager().Apply(new LinuxResources { BlockIO = new LinuxBlockIO { Weight = 400 } });
        Assert.Equal("400", t.Read("blkio", "blkio.bfq.weight"));

        File.Delete(Path.Combine(t.Paths["blkio"], "blkio.bfq.weight"));
        Assert.Throws<BerthException>(() => t.Manager().Apply(new LinuxResources { BlockIO = new LinuxBlockIO { Weight = 400 } }));
    }

    [Fact]
    public void Hugetlb_writes_limit_and_reservation_limit_when_present()
    {
        using var t = new V1Tree("hugetlb");
        t.Manager().Apply(new LinuxResources
        {
            HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 209715200 }, new LinuxHugepageLimit { PageSize = "1GB", Limit = 1073741824 }],
        });
        Assert.Equal("209715200", t.Read("hugetlb", "hugetlb.2MB.limit_in_bytes"));
        Assert.Equal("209715200", t.Read("hugetlb", "hugetlb.2MB.rsvd.limit_in_bytes"));
        Assert.Equal("1073741824", t.Read("hugetlb", "hugetlb.1GB.limit_in_bytes"));
        Assert.False(File.Exists(Path.Combine(t.Paths["hugetlb"], "hugetlb.1GB.rsvd.limit_in_bytes")));
    }

    [Fact]
    public void Unsupported_hugepage_size_names_the_file()
    {
        using var t = new V1Tree("hugetlb");
        var e = Assert.Throws<LinuxException>(() => t.Manager().Apply(new LinuxResources { HugepageLimits = [new LinuxHugepageLimit { PageSize = "16GB", Limit = 1 }] }));
        Assert.Contains("hugetlb.16GB.limit_in_bytes", e.Message);
        Assert.Equal(Errno.ENOENT, e.ErrorNumber);
    }

    [Fact]
    public void Device_rules_go_in_order_to_allow_and_deny()
    {
        using var t = new V1Tree("devices");
        using var j = new WriteJournal();
        t.Manager().Apply(new LinuxResources
        {
            Devices =
            [
                new LinuxDeviceCgroup { Allow = false, Access = "rwm" },
                new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
                new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 136, Access = "rw" },
                new LinuxDeviceCgroup { Allow = true, Type = "b", Major = 8, Minor = 0, Access = "r" },
            ],
        });
        Assert.Equal(["devices.deny=a *:* rwm", "devices.allow=c 1:3 rwm", "devices.allow=c 136:* rw", "devices.allow=b 8:0 r"], j.Names);
    }

    [Theory]
    [InlineData("x", "rwm")]
    [InlineData("c", "rwx")]
    [InlineData("c", "rr")]
    public void Bad_device_rules_are_rejected(string type, string access)
    {
        using var t = new V1Tree("devices");
        Assert.Throws<BerthException>(() => t.Manager().Apply(new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = true, Type = type, Access = access }] }));
    }

    [Fact]
    public void Unified_is_refused_on_v1()
    {
        using var t = new V1Tree("memory");
        var e = Assert.Throws<BerthException>(() => t.Manager().Apply(new LinuxResources { Unified = new() { ["memory.high"] = "1G" } }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("unified", e.Message);
    }

    [Fact]
    public void A_resource_whose_controller_is_missing_is_an_error()
    {
        using var t = new V1Tree("cpu");
        var e = Assert.Throws<BerthException>(() => t.Manager().Apply(new LinuxResources { Pids = new LinuxPids { Limit = 5 } }));
        Assert.Contains("pids", e.Message);
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
    }

    [Fact]
    public void An_empty_memory_object_needs_no_memory_controller()
    {
        using var t = new V1Tree("cpu");
        t.Manager().Apply(new LinuxResources { Memory = new LinuxMemory(), Pids = new LinuxPids() });
    }

    [Fact]
    public void A_refused_write_names_value_file_and_errno()
    {
        using var t = new V1Tree("memory");
        var file = Path.Combine(t.Paths["memory"], "memory.limit_in_bytes");
        File.Delete(file);
        Directory.CreateDirectory(file); // open(O_WRONLY) now fails with EISDIR

        var e = Assert.Throws<LinuxException>(() => t.Manager().Apply(Memory(limit: 1234)));
        Assert.Equal(21, e.ErrorNumber);
        Assert.Equal($"write \"1234\" to {file}: Is a directory (errno 21)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Update_needs_an_existing_cgroup_and_null_apply_does_nothing()
    {
        using var tree = new TempTree();
        var m = new V1.CgroupV1Manager(new Dictionary<string, string> { ["pids"] = Path.Combine(tree.Root, "none") });
        m.Apply(null);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => m.Update(new LinuxResources())).Kind);
    }

    [Fact]
    public void AddProcess_writes_every_distinct_hierarchy_once()
    {
        using var t = new V1Tree("memory", "pids");
        t.Paths["cpuacct"] = t.Paths["pids"]; // co-mounted: same directory twice
        using var j = new WriteJournal();
        t.Manager().AddProcess(4242);
        Assert.Equal(["cgroup.procs=4242", "cgroup.procs=4242"], j.Names);
        Assert.Equal("4242", t.Read("memory", "cgroup.procs"));
        Assert.Throws<BerthException>(() => t.Manager().AddProcess(0));
    }

    [Fact]
    public void GetPids_is_recursive_sorted_and_distinct()
    {
        using var t = new V1Tree("memory", "pids");
        t.Write("memory", "cgroup.procs", "30\n10\n");
        t.Write("pids", "cgroup.procs", "10\n30\n");
        Directory.CreateDirectory(Path.Combine(t.Paths["pids"], "nested"));
        File.WriteAllText(Path.Combine(t.Paths["pids"], "nested", "cgroup.procs"), "20\n");

        Assert.Equal([10, 20, 30], t.Manager().GetPids());
    }

    [Fact]
    public void Freezer_writes_the_state_and_reads_it_back()
    {
        using var t = new V1Tree("freezer");
        var m = t.Manager();
        Assert.Equal(FreezerState.Thawed, m.FreezerState);
        m.Freeze();
        Assert.Equal("FROZEN", t.Read("freezer", "freezer.state"));
        Assert.Equal(FreezerState.Frozen, m.FreezerState);
        m.Thaw();
        Assert.Equal(FreezerState.Thawed, m.FreezerState);
        t.Write("freezer", "freezer.state", "FREEZING\n");
        Assert.Equal(FreezerState.Freezing, m.FreezerState);
    }

    [Fact]
    public void No_freezer_hierarchy_means_undefined_state_and_a_clear_error()
    {
        using var t = new V1Tree("memory");
        var m = t.Manager();
        Assert.Equal(FreezerState.Undefined, m.FreezerState);
        Assert.Equal(ErrorKind.NotImplemented, Assert.Throws<BerthException>(m.Freeze).Kind);
    }

    [Fact]
    public void Stats_come_from_cpuacct_memory_pids_blkio()
    {
        using var t = new V1Tree("cpuacct", "memory", "pids", "blkio");
        t.Write("cpuacct", "cpuacct.usage", "5000000000");
        t.Write("cpuacct", "cpuacct.stat", "user 300\nsystem 100\n");
        t.Write("memory", "memory.usage_in_bytes", "1000");
        t.Write("memory", "memory.limit_in_bytes", "67108864");
        t.Write("memory", "memory.memsw.limit_in_bytes", "100663296");
        t.Write("memory", "memory.max_usage_in_bytes", "2000");
        t.Write("memory", "memory.memsw.usage_in_bytes", "1500");
        t.Write("memory", "memory.stat", "cache 11\nrss 22\ntotal_cache 33\ntotal_rss 44\n");
        t.Write("memory", "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        t.Write("pids", "pids.current", "3");
        t.Write("pids", "pids.max", "10");
        t.Write("blkio", "blkio.throttle.io_service_bytes_recursive", "8:0 Read 100\n8:0 Write 200\n8:0 Sync 300\n8:16 Read 5\nTotal 305\n");

        var m = t.Manager();
        var s = m.Stats();

        Assert.Equal(5000000000UL, s.CpuUsageTotalNs);
        Assert.Equal(3000000000UL, s.CpuUsageUserNs);
        Assert.Equal(1000000000UL, s.CpuUsageSystemNs);
        Assert.Equal(1000UL, s.MemoryUsageBytes);
        Assert.Equal(67108864UL, s.MemoryLimitBytes);
        Assert.Equal(2000UL, s.MemoryMaxUsageBytes);
        Assert.Equal(33UL, s.MemoryCacheBytes);
        Assert.Equal(44UL, s.MemoryRssBytes);
        Assert.Equal(500UL, s.SwapUsageBytes);
        Assert.Equal(33554432UL, s.SwapLimitBytes);
        Assert.Equal(3UL, s.PidsCurrent);
        Assert.Equal(10UL, s.PidsLimit);
        Assert.Equal(105UL, s.BlkioReadBytes);
        Assert.Equal(200UL, s.BlkioWriteBytes);
        Assert.Equal(2UL, s.OomKillCount);
        Assert.Equal(2UL, m.OomKillCount);
    }

    [Fact]
    public void Stats_prefer_nanosecond_user_and_system_files_and_report_unlimited_as_null()
    {
        using var t = new V1Tree("cpuacct", "memory", "pids");
        t.Write("cpuacct", "cpuacct.usage_user", "7");
        t.Write("cpuacct", "cpuacct.usage_sys", "8");
        var s = t.Manager().Stats();
        Assert.Equal(7UL, s.CpuUsageUserNs);
        Assert.Equal(8UL, s.CpuUsageSystemNs);
        Assert.Null(s.MemoryLimitBytes);
        Assert.Null(s.SwapLimitBytes);
        Assert.Null(s.PidsLimit);
    }

    [Fact]
    public void Destroy_removes_every_directory_and_is_idempotent()
    {
        using var t = new V1Tree("memory", "pids");
        Directory.CreateDirectory(Path.Combine(t.Paths["pids"], "nested"));
        var m = t.Manager();
        m.Destroy();
        Assert.False(m.Exists);
        Assert.True(Directory.Exists(Path.Combine(t.Root, "memory", "berth")));
        m.Destroy();
    }

    [Fact]
    public void Destroy_without_kill_refuses_while_processes_remain()
    {
        using var t = new V1Tree("pids");
        t.Write("pids", "cgroup.procs", "999999\n");
        var e = Assert.Throws<BerthException>(() => t.Manager().Destroy(killProcesses: false, timeout: TimeSpan.FromMilliseconds(50)));
        Assert.Contains("999999", e.Message);
        Assert.True(Directory.Exists(t.Paths["pids"]));
    }
}
