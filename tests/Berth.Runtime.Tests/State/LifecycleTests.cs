using Berth.Core;
using Berth.Linux;
using Berth.Runtime.State;

namespace Berth.Runtime.Tests.State;

/// <summary>kill and delete on containers that have no live init: nothing may be signalled.</summary>
public sealed class LifecycleTests : IDisposable
{
    readonly TempDir _dir = new();
    readonly ContainerRuntime _runtime;

    public LifecycleTests() => _runtime = new ContainerRuntime(_dir["root"]);

    public void Dispose() => _dir.Dispose();

    void Save(string id, int pid, ulong startTime = 1)
    {
        _runtime.Store.Reserve(id);
        _runtime.Store.Save(new ContainerRecord { Id = id, Bundle = "/b", Pid = pid, PidStartTime = startTime });
    }

    // Signal 0 only checks: even if a regression reached kill(), nothing would be delivered.
    [Fact]
    public void KillOfACreatingContainerIsRefused()
    {
        Save("c1", 0);
        var e = Assert.Throws<BerthException>(() => _runtime.Kill("c1", 0, all: false));
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
        Assert.Equal("container not running", e.Message);
    }

    [Fact]
    public void KillOfAStoppedContainerIsRefused()
    {
        Save("c1", 99_999_999);
        var e = Assert.Throws<BerthException>(() => _runtime.Kill("c1", 0, all: false));
        Assert.Equal("container not running", e.Message);
    }

    [Fact]
    public void KillAllOfAStoppedContainerWithoutCgroupSignalsNobody()
    {
        // The recorded pid is this test host with the wrong start time: a recycled pid. It must not be signalled.
        Save("c1", Environment.ProcessId, (ProcessControl.StartTime(Environment.ProcessId) ?? 0) + 1);
        _runtime.Kill("c1", 0, all: true);
        Save("c2", 0);
        _runtime.Kill("c2", 0, all: true);
        Save("c3", 99_999_999); // signalling this dead pid would fail with ESRCH
        _runtime.Kill("c3", 0, all: true);
    }

    [Fact]
    public void KillOfAMissingContainer() =>
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _runtime.Kill("nope", 0, false)).Kind);

    [Fact]
    public void DeleteOfAStoppedContainerRemovesIt()
    {
        Save("c1", 99_999_999);
        _runtime.Delete("c1", force: false);
        Assert.False(Directory.Exists(_runtime.Store.Dir("c1")));
        Assert.Empty(_runtime.List());
    }

    [Fact]
    public void DeleteOfAMissingContainer()
    {
        var e = Assert.Throws<BerthException>(() => _runtime.Delete("nope", force: false));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("container \"nope\" does not exist", e.Message);
        _runtime.Delete("nope", force: true);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => _runtime.Delete("../x", force: true)).Kind);
    }

    [Fact]
    public void ForcedDeleteRemovesALeftoverReservation()
    {
        _runtime.Store.Reserve("c1");
        _runtime.Delete("c1", force: true);
        Assert.False(Directory.Exists(_runtime.Store.Dir("c1")));
    }

    [SetsidFact]
    public void DeleteOfACreatingContainerIsRefusedWithoutForce()
    {
        Save("c1", 0);
        var (code, output) = RuntimeChild.Start("delete", _runtime.Store.Root, "c1");
        Assert.Equal((0, "cannot delete container \"c1\" that is not stopped: creating"), (code, output));
        Assert.True(_runtime.Store.Exists("c1"));
    }

    [SetsidFact]
    public void ForcedDeleteOfACreatingContainerSignalsNothing()
    {
        Save("c1", 0);
        var (code, output) = RuntimeChild.Start("delete-force", _runtime.Store.Root, "c1");
        Assert.Equal((0, "ok"), (code, output));
        Assert.False(Directory.Exists(_runtime.Store.Dir("c1")));
    }

    [SetsidFact]
    public void KillOfACreatingContainerInAChild()
    {
        Save("c1", 0);
        Assert.Equal((0, "container not running"), RuntimeChild.Start("kill", _runtime.Store.Root, "c1"));
    }
}
