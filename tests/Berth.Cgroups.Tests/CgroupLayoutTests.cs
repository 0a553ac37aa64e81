using Berth.Core;

namespace Berth.Cgroups.Tests;

public class CgroupLayoutTests
{
    [Fact]
    public void Hybrid_host_is_detected_with_every_v1_controller_and_the_unified_side_mount()
    {
        var layout = CgroupLayout.Parse(Fixtures.HybridMountinfo);

        Assert.Equal(CgroupMode.Hybrid, layout.Mode);
        Assert.Equal("/sys/fs/cgroup/unified", layout.Unified!.MountPoint);
        Assert.Equal("/sys/fs/cgroup/memory", layout.V1["memory"].MountPoint);
        Assert.Equal("/sys/fs/cgroup/cpuacct", layout.V1["cpuacct"].MountPoint);
        Assert.Equal("/sys/fs/cgroup/systemd", layout.V1["name=systemd"].MountPoint);
        Assert.Equal(["cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "name=systemd"], layout.V1.Keys.ToArray());
    }

    [Fact]
    public void V1_host_keeps_co_mounted_controllers_on_one_mount_and_ignores_mount_options()
    {
        var layout = CgroupLayout.Parse(Fixtures.V1Mountinfo);

        Assert.Equal(CgroupMode.V1, layout.Mode);
        Assert.Null(layout.Unified);
        Assert.Same(layout.V1["cpu"], layout.V1["cpuacct"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", layout.V1["cpu"].MountPoint);
        Assert.Equal(["cpu", "cpuacct"], layout.V1["cpu"].Controllers);
        Assert.Equal(["name=systemd"], layout.V1["name=systemd"].Controllers);
        Assert.DoesNotContain("xattr", layout.V1.Keys);
        Assert.DoesNotContain("rw", layout.V1.Keys);
    }

    [Fact]
    public void Pure_v2_host()
    {
        var layout = CgroupLayout.Parse(Fixtures.V2Mountinfo);

        Assert.Equal(CgroupMode.V2, layout.Mode);
        Assert.Equal("/sys/fs/cgroup", layout.Unified!.MountPoint);
        Assert.True(layout.Unified.IsV2);
        Assert.Empty(layout.V1);
    }

    [Fact]
    public void Cgroup2_with_only_a_named_v1_hierarchy_is_v2()
    {
        var text = Fixtures.V2Mountinfo + "\n50 24 0:40 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,name=systemd\n";
        Assert.Equal(CgroupMode.V2, CgroupLayout.Parse(text).Mode);
    }

    [Fact]
    public void No_cgroup_mount_is_an_error()
    {
        var e = Assert.Throws<BerthException>(() => CgroupLayout.Parse("22 1 0:21 / /proc rw - proc proc rw\n"));
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
    }

    [Fact]
    public void Octal_escapes_in_mount_points_are_decoded()
    {
        var layout = CgroupLayout.Parse("41 31 0:38 / /tmp/my\\040cgroup rw - cgroup2 cgroup2 rw\n");
        Assert.Equal("/tmp/my cgroup", layout.Unified!.MountPoint);
    }

    [Fact]
    public void Optional_fields_before_the_separator_are_skipped()
    {
        var layout = CgroupLayout.Parse("35 24 0:30 / /sys/fs/cgroup rw shared:9 master:2 - cgroup2 cgroup2 rw\n");
        Assert.Equal("/sys/fs/cgroup", layout.Unified!.MountPoint);
    }

    [Fact]
    public void Malformed_line_names_the_source()
    {
        var e = Assert.Throws<BerthException>(() => CgroupLayout.Parse("1 2 - cgroup2 x rw\n", "fixture"));
        Assert.Contains("fixture", e.Message);
    }

    [Theory]
    [InlineData("/", "/a/b", "/sys/fs/cgroup/memory/a/b")]
    [InlineData("/", "/", "/sys/fs/cgroup/memory")]
    [InlineData("/docker/abc", "/docker/abc/x", "/sys/fs/cgroup/memory/x")]
    [InlineData("/docker/abc", "/docker/abc", "/sys/fs/cgroup/memory")]
    public void Mount_root_is_stripped_from_hierarchy_paths(string root, string cgroupPath, string expected)
    {
        var mount = new CgroupMount("/sys/fs/cgroup/memory", root, false, ["memory"]);
        Assert.Equal(expected, mount.DirectoryOf(cgroupPath));
    }

    [Fact]
    public void Hierarchy_path_outside_the_mount_root_is_refused()
    {
        var mount = new CgroupMount("/sys/fs/cgroup/memory", "/docker/abc", false, ["memory"]);
        Assert.Throws<BerthException>(() => mount.DirectoryOf("/docker/abcd"));
    }

    [Fact]
    public void This_machine_is_detected_without_error()
    {
        var layout = CgroupLayout.Read();
        Assert.True(layout.Unified is not null || layout.V1.Count > 0);
    }
}
