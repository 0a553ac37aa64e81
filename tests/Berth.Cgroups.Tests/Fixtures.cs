namespace Berth.Cgroups.Tests;

/// <summary>Real-looking /proc/self/mountinfo and /proc/self/cgroup contents.</summary>
public static class Fixtures
{
    /// <summary>This build machine: separate v1 hierarchies plus a controller-less cgroup2 at /sys/fs/cgroup/unified.</summary>
    public const string HybridMountinfo = """
        22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
        37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
        38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
        39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    public const string HybridProcCgroup = """
        9:name=systemd:/
        8:pids:/
        7:blkio:/
        6:freezer:/
        5:devices:/
        4:memory:/process_api/e6909863b629a0bb82e314e046022a73
        3:cpuset:/
        2:cpuacct:/
        1:cpu:/
        0::/
        """;

    /// <summary>A classic v1 host (CentOS 7 style): co-mounted cpu,cpuacct and net_cls,net_prio, no cgroup2.</summary>
    public const string V1Mountinfo = """
        25 18 0:22 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:6 - tmpfs tmpfs ro,mode=755
        26 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:7 - cgroup cgroup rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd
        29 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,cpu,cpuacct
        30 25 0:27 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,memory
        31 25 0:28 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,net_cls,net_prio
        32 25 0:29 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,pids
        33 25 0:30 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,cpuset
        34 25 0:31 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,freezer
        35 25 0:32 / /sys/fs/cgroup/hugetlb rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,hugetlb
        36 25 0:33 / /sys/fs/cgroup/devices rw,nosuid,nodev,noexec,relatime shared:17 - cgroup cgroup rw,devices
        37 25 0:34 / /sys/fs/cgroup/blkio rw,nosuid,nodev,noexec,relatime shared:18 - cgroup cgroup rw,blkio
        38 25 0:35 / /sys/fs/cgroup/perf_event rw,nosuid,nodev,noexec,relatime shared:19 - cgroup cgroup rw,perf_event
        """;

    public const string V1ProcCgroup = """
        11:perf_event:/
        10:blkio:/system.slice/berthd.service
        9:devices:/system.slice/berthd.service
        8:hugetlb:/
        7:freezer:/
        6:cpuset:/
        5:pids:/system.slice/berthd.service
        4:net_cls,net_prio:/
        3:memory:/system.slice/berthd.service
        2:cpu,cpuacct:/system.slice/berthd.service
        1:name=systemd:/system.slice/berthd.service
        """;

    /// <summary>A pure v2 host (Fedora/Ubuntu 22.04+ style).</summary>
    public const string V2Mountinfo = """
        24 31 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
        35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        36 24 0:31 / /sys/fs/pstore rw,nosuid,nodev,noexec,relatime shared:10 - pstore pstore rw
        """;

    public const string V2ProcCgroup = "0::/system.slice/berthd.service\n";
}
