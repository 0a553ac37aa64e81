using Berth.Cgroups.V1;
using Berth.Cgroups.V2;
using Berth.Core;

namespace Berth.Cgroups.Tests;

public class ResolveTests
{
    static readonly CgroupEnvironment Hybrid = CgroupEnvironment.Parse(Fixtures.HybridMountinfo, Fixtures.HybridProcCgroup);
    static readonly CgroupEnvironment V1 = CgroupEnvironment.Parse(Fixtures.V1Mountinfo, Fixtures.V1ProcCgroup);
    static readonly CgroupEnvironment V2 = CgroupEnvironment.Parse(Fixtures.V2Mountinfo, Fixtures.V2ProcCgroup);

    [Fact]
    public void Default_path_is_berth_id_under_the_own_cgroup_of_each_hierarchy()
    {
        var loc = CgroupManagers.Resolve(null, "c1", Hybrid);

        Assert.Equal(CgroupMode.Hybrid, loc.Mode);
        Assert.Equal("/sys/fs/cgroup/memory/process_api/e6909863b629a0bb82e314e046022a73/berth/c1", loc.Paths!["memory"]);
        Assert.Equal("/sys/fs/cgroup/cpu/berth/c1", loc.Paths["cpu"]);
        Assert.Equal("/sys/fs/cgroup/freezer/berth/c1", loc.Paths["freezer"]);
        Assert.DoesNotContain("name=systemd", loc.Paths.Keys);
        Assert.Null(loc.Path);
    }

    [Fact]
    public void Co_mounted_controllers_share_one_directory()
    {
        var loc = CgroupManagers.Resolve("", "c1", V1);

        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct/system.slice/berthd.service/berth/c1", loc.Paths!["cpu"]);
        Assert.Equal(loc.Paths["cpu"], loc.Paths["cpuacct"]);
        Assert.Equal("/sys/fs/cgroup/hugetlb/berth/c1", loc.Paths["hugetlb"]);
        Assert.Equal(loc.Paths.Count - 2, loc.Directories().Count);
    }

    [Fact]
    public void Relative_path_goes_under_the_own_cgroup()
    {
        var loc = CgroupManagers.Resolve("pods/p1/c1", "c1", V2);

        Assert.Equal(CgroupMode.V2, loc.Mode);
        Assert.Equal("/sys/fs/cgroup/system.slice/berthd.service/pods/p1/c1", loc.Path);
        Assert.Equal("/sys/fs/cgroup/system.slice/berthd.service", loc.Base);
    }

    [Fact]
    public void Absolute_path_is_taken_below_the_mount()
    {
        var v2 = CgroupManagers.Resolve("/custom/c1", "c1", V2);
        var v1 = CgroupManagers.Resolve("/custom/c1", "c1", V1);

        Assert.Equal("/sys/fs/cgroup/custom/c1", v2.Path);
        Assert.Equal("/sys/fs/cgroup/memory/custom/c1", v1.Paths!["memory"]);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("/a/./b")]
    [InlineData("/")]
    public void Dot_components_and_empty_paths_are_rejected(string path)
    {
        var e = Assert.Throws<BerthException>(() => CgroupManagers.Resolve(path, "c1", V2));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Systemd_driver_paths_are_refused_with_a_reason()
    {
        var e = Assert.Throws<BerthException>(() => CgroupManagers.Resolve("system.slice:docker:c1", "c1", V2));
        Assert.Contains("systemd", e.Message);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void Container_id_must_be_one_component(string id) =>
        Assert.Throws<BerthException>(() => CgroupManagers.Resolve(null, id, V2));

    [Fact]
    public void Open_gives_the_manager_of_the_mode()
    {
        Assert.IsType<CgroupV2Manager>(CgroupManagers.Open(CgroupManagers.Resolve(null, "c1", V2)));
        var v1 = CgroupManagers.Open(CgroupManagers.Resolve(null, "c1", Hybrid));
        Assert.IsType<CgroupV1Manager>(v1);
        Assert.Equal(CgroupMode.Hybrid, v1.Mode);
        Assert.Equal(CgroupManagers.Resolve(null, "c1", Hybrid), v1.Location);
    }

    [Fact]
    public void Location_round_trips_through_json()
    {
        foreach (var env in new[] { Hybrid, V1, V2 })
        {
            var loc = CgroupManagers.Resolve(null, "c1", env);
            var json = loc.ToJson();
            Assert.Equal(loc, CgroupLocation.FromJson(json));
            Assert.Equal(loc, CgroupManagers.Open(CgroupLocation.FromJson(json)).Location);
        }
    }

    [Fact]
    public void Location_json_is_plain_and_readable()
    {
        var json = CgroupManagers.Resolve(null, "c1", V2).ToJson();
        Assert.Equal("""{"mode":"V2","path":"/sys/fs/cgroup/system.slice/berthd.service/berth/c1","base":"/sys/fs/cgroup/system.slice/berthd.service"}""", json);
        Assert.Throws<BerthException>(() => CgroupLocation.FromJson("{"));
        Assert.Throws<BerthException>(() => CgroupManagers.Open(CgroupLocation.FromJson("""{"mode":"V2"}""")));
    }
}
