using Berth.Core;
using Berth.Oci;
using Berth.Runtime.Rootfs;
using static Berth.Linux.Interop.Libc;

namespace Berth.Runtime.Tests.Rootfs;

public sealed class MountPlannerTests
{
    static SpecMount M(string? destination, string? type, string? source, params string[] options) =>
        new() { Destination = destination, Type = type, Source = source, Options = [.. options] };

    static IReadOnlyList<MountStep> Plan(params SpecMount[] mounts) =>
        MountPlanner.Plan(new RuntimeSpec { Mounts = [.. mounts] }, "/bundles/b1");

    [Fact]
    public void NoMounts()
    {
        Assert.Empty(MountPlanner.Plan(new RuntimeSpec(), "/b"));
        Assert.Empty(Plan());
    }

    [Fact]
    public void DefaultSpecMounts()
    {
        var steps = MountPlanner.Plan(DefaultSpec.Create(), "/b");
        MountStep[] expected =
        [
            new(MountStepKind.Filesystem, "/proc", "proc", "proc", 0, "", 0),
            new(MountStepKind.Filesystem, "/dev", "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k", 0),
            new(MountStepKind.Filesystem, "/dev/pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5", 0),
            new(MountStepKind.Filesystem, "/dev/shm", "shm", "tmpfs", MS_NOSUID | MS_NOEXEC | MS_NODEV, "mode=1777,size=65536k", 0),
            new(MountStepKind.Filesystem, "/dev/mqueue", "mqueue", "mqueue", MS_NOSUID | MS_NOEXEC | MS_NODEV, "", 0),
            new(MountStepKind.Filesystem, "/sys", "sysfs", "sysfs", MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, "", 0),
            new(MountStepKind.Cgroup, "/sys/fs/cgroup", "cgroup", "cgroup", MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RELATIME | MS_RDONLY, "", 0),
        ];
        Assert.Equal(expected, steps);
    }

    [Fact]
    public void RootlessSysIsARecursiveBind()
    {
        var steps = MountPlanner.Plan(DefaultSpec.Create(rootless: true, hostUid: 1000, hostGid: 1000), "/b");
        var sys = Assert.Single(steps, s => s.Target == "/sys");
        Assert.Equal(new MountStep(MountStepKind.Bind, "/sys", "/sys", null, MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, "", 0, Recursive: true), sys);
    }

    [Fact]
    public void BindTypeWithoutOptionsIsNotRecursive()
    {
        var step = Assert.Single(Plan(M("/data", "bind", "/host/data")));
        Assert.Equal(new MountStep(MountStepKind.Bind, "/data", "/host/data", null, 0, "", 0, Recursive: false), step);
    }

    [Fact]
    public void BindOptionMakesABindWhateverTheType()
    {
        var steps = Plan(M("/a", "none", "/x", "rbind", "ro", "rprivate"), M("/b", null, "/y", "bind"));
        Assert.Equal(new MountStep(MountStepKind.Bind, "/a", "/x", null, MS_RDONLY, "", MS_PRIVATE | MS_REC, Recursive: true), steps[0]);
        Assert.Equal(new MountStep(MountStepKind.Bind, "/b", "/y", null, 0, "", 0, Recursive: false), steps[1]);
    }

    [Theory]
    [InlineData("data", "/bundles/b1/data")]
    [InlineData("./data/x", "/bundles/b1/data/x")]
    [InlineData("../shared", "/bundles/shared")]
    [InlineData("/abs/path", "/abs/path")]
    public void BindSourcesAreResolvedAgainstTheBundle(string source, string expected) =>
        Assert.Equal(expected, Assert.Single(Plan(M("/d", "bind", source))).Source);

    [Fact]
    public void FilesystemSourceDefaultsToItsType()
    {
        var step = Assert.Single(Plan(M("/tmp", "tmpfs", null, "size=1m")));
        Assert.Equal(new MountStep(MountStepKind.Filesystem, "/tmp", "tmpfs", "tmpfs", 0, "size=1m", 0), step);
    }

    [Fact]
    public void FilesystemSourceIsNotResolved()
    {
        var step = Assert.Single(Plan(M("/mnt", "ext4", "dev/sdb1")));
        Assert.Equal("dev/sdb1", step.Source);
    }

    [Fact]
    public void Cgroup2()
    {
        var step = Assert.Single(Plan(M("/sys/fs/cgroup", "cgroup2", null, "ro")));
        Assert.Equal(new MountStep(MountStepKind.Cgroup, "/sys/fs/cgroup", null, "cgroup2", MS_RDONLY, "", 0), step);
    }

    [Fact]
    public void OrderIsKept()
    {
        var steps = Plan(M("/z", "tmpfs", null), M("/a", "bind", "/h"), M("/m", "proc", "proc"));
        Assert.Equal(["/z", "/a", "/m"], steps.Select(s => s.Target));
    }

    [Theory]
    [InlineData(null, "tmpfs", "tmpfs", "mounts: an entry has no destination")]
    [InlineData("tmp", "tmpfs", "tmpfs", "mounts: destination tmp is not absolute")]
    [InlineData("/data", "bind", null, "mounts: bind mount at /data has no source")]
    [InlineData("/x", null, "src", "mounts: /x has no type")]
    [InlineData("/x", "", "src", "mounts: /x has no type")]
    public void Errors(string? destination, string? type, string? source, string message)
    {
        var e = Assert.Throws<BerthException>(() => Plan(M("/ok", "tmpfs", null), M(destination, type, source)));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void BindOptionWithoutSource()
    {
        var e = Assert.Throws<BerthException>(() => Plan(M("/data", "none", null, "rbind")));
        Assert.Equal("mounts: bind mount at /data has no source", e.Message);
    }
}
