using Berth.Core;

namespace Berth.Cgroups.Tests;

public class ProcCgroupsTests
{
    [Fact]
    public void Hybrid_lines_give_per_controller_paths_and_the_unified_path()
    {
        var self = ProcCgroups.Parse(Fixtures.HybridProcCgroup);

        Assert.Equal(10, self.Entries.Count);
        Assert.Equal("/process_api/e6909863b629a0bb82e314e046022a73", self.PathOf("memory"));
        Assert.Equal("/", self.PathOf("cpu"));
        Assert.Equal("/", self.PathOf("name=systemd"));
        Assert.Equal("/", self.UnifiedPath);
        Assert.Null(self.PathOf("hugetlb"));
    }

    [Fact]
    public void Co_mounted_controllers_share_a_line()
    {
        var self = ProcCgroups.Parse(Fixtures.V1ProcCgroup);

        Assert.Equal("/system.slice/berthd.service", self.PathOf("cpu"));
        Assert.Equal("/system.slice/berthd.service", self.PathOf("cpuacct"));
        Assert.Equal("/", self.PathOf("net_prio"));
        Assert.Null(self.UnifiedPath);
        var cpu = self.Entries.Single(e => e.Controllers.Contains("cpu"));
        Assert.Equal(2, cpu.HierarchyId);
        Assert.Equal(["cpu", "cpuacct"], cpu.Controllers);
    }

    [Fact]
    public void V2_single_line()
    {
        var self = ProcCgroups.Parse(Fixtures.V2ProcCgroup);
        var entry = Assert.Single(self.Entries);
        Assert.True(entry.IsUnified);
        Assert.Equal("/system.slice/berthd.service", self.UnifiedPath);
    }

    [Fact]
    public void Colons_in_the_path_are_kept_and_deleted_suffix_dropped()
    {
        var self = ProcCgroups.Parse("0::/a:b/c (deleted)\n");
        Assert.Equal("/a:b/c", self.UnifiedPath);
    }

    [Fact]
    public void Malformed_line_is_an_error()
    {
        Assert.Throws<BerthException>(() => ProcCgroups.Parse("x:memory:/\n"));
        Assert.Throws<BerthException>(() => ProcCgroups.Parse("3:memory\n"));
    }

    [Fact]
    public void This_process_has_a_cgroup()
    {
        var self = ProcCgroups.Read();
        Assert.NotEmpty(self.Entries);
    }
}
