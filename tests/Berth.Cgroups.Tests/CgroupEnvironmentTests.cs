using Berth.Core;

namespace Berth.Cgroups.Tests;

public class CgroupEnvironmentTests
{
    [Fact]
    public void V1_own_directories_follow_each_hierarchy()
    {
        var env = CgroupEnvironment.Parse(Fixtures.HybridMountinfo, Fixtures.HybridProcCgroup);

        Assert.Equal("/sys/fs/cgroup/memory/process_api/e6909863b629a0bb82e314e046022a73", env.OwnDirectory("memory"));
        Assert.Equal("/sys/fs/cgroup/cpu", env.OwnDirectory("cpu"));
        var own = env.OwnV1Directories();
        Assert.Equal(["blkio", "cpu", "cpuacct", "cpuset", "devices", "freezer", "memory", "pids"], own.Keys.ToArray());
        Assert.DoesNotContain("name=systemd", own.Keys);
    }

    [Fact]
    public void Unmounted_controller_is_not_found()
    {
        var env = CgroupEnvironment.Parse(Fixtures.HybridMountinfo, Fixtures.HybridProcCgroup);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => env.OwnDirectory("hugetlb")).Kind);
    }

    [Fact]
    public void V2_own_directory_drops_the_self_leaf()
    {
        var plain = CgroupEnvironment.Parse(Fixtures.V2Mountinfo, "0::/system.slice/berthd.service\n");
        var leaf = CgroupEnvironment.Parse(Fixtures.V2Mountinfo, "0::/system.slice/berthd.service/berth-self\n");
        var root = CgroupEnvironment.Parse(Fixtures.V2Mountinfo, "0::/\n");

        Assert.Equal("/sys/fs/cgroup/system.slice/berthd.service", plain.OwnUnifiedDirectory());
        Assert.Equal("/sys/fs/cgroup/system.slice/berthd.service", leaf.OwnUnifiedDirectory());
        Assert.Equal("/sys/fs/cgroup", root.OwnUnifiedDirectory());
    }

    [Fact]
    public void MoveSelfToLeaf_writes_this_pid_into_the_leaf_under_the_own_cgroup()
    {
        using var tree = new TempTree();
        tree.Files("svc/berth-self", ("cgroup.procs", ""));
        var env = CgroupEnvironment.Parse($"35 24 0:30 / {tree.Root} rw - cgroup2 cgroup2 rw\n", "0::/svc\n");

        var leaf = env.MoveSelfToLeaf();

        Assert.Equal(Path.Combine(tree.Root, "svc", "berth-self"), leaf);
        Assert.Equal(Environment.ProcessId.ToString(), tree.Read("svc/berth-self/cgroup.procs"));
    }

    [Fact]
    public void MoveSelfToLeaf_is_a_no_op_on_v1_and_validates_the_name()
    {
        var v1 = CgroupEnvironment.Parse(Fixtures.V1Mountinfo, Fixtures.V1ProcCgroup);
        Assert.Null(v1.MoveSelfToLeaf("leaf"));
        var v2 = CgroupEnvironment.Parse(Fixtures.V2Mountinfo, Fixtures.V2ProcCgroup);
        Assert.Throws<BerthException>(() => v2.MoveSelfToLeaf("../escape"));
    }
}
