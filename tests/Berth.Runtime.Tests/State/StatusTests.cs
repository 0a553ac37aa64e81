using Berth.Core;
using Berth.Linux;
using Berth.Runtime.State;

namespace Berth.Runtime.Tests.State;

public sealed class StatusTests : IDisposable
{
    readonly TempDir _dir = new();
    readonly ContainerRuntime _runtime;

    public StatusTests() => _runtime = new ContainerRuntime(_dir["root"]);

    public void Dispose() => _dir.Dispose();

    static ulong MyStartTime => ProcessControl.StartTime(Environment.ProcessId) ?? throw new InvalidOperationException("no /proc/self/stat");

    ContainerRecord Save(string id, int pid, ulong startTime)
    {
        _runtime.Store.Reserve(id);
        var r = new ContainerRecord { Id = id, Bundle = "/b/" + id, Rootfs = "/b/" + id + "/rootfs", Pid = pid, PidStartTime = startTime, Owner = "root" };
        _runtime.Store.Save(r);
        return r;
    }

    [Fact]
    public void NoPidYetIsCreating()
    {
        var r = Save("c1", 0, 0);
        Assert.Equal(ContainerStatus.Creating, _runtime.StatusOf(r));
        var s = _runtime.State("c1");
        Assert.Equal(("c1", "creating", 0, "/b/c1", "/b/c1/rootfs", "root"), (s.Id, s.Status, s.Pid, s.Bundle, s.Rootfs, s.Owner));
    }

    [Fact]
    public void ADeadPidIsStopped()
    {
        var r = Save("c1", 99_999_999, 1); // above any pid_max
        Assert.Equal(ContainerStatus.Stopped, _runtime.StatusOf(r));
        var s = _runtime.State("c1");
        Assert.Equal(("stopped", 0), (s.Status, s.Pid));
    }

    [Fact]
    public void ARecycledPidIsStopped()
    {
        var r = Save("c1", Environment.ProcessId, MyStartTime + 1);
        Assert.Equal(ContainerStatus.Stopped, _runtime.StatusOf(r));
    }

    [Fact]
    public void ALiveInitWaitingForStartIsCreated()
    {
        var r = Save("c1", Environment.ProcessId, MyStartTime);
        File.WriteAllText(_runtime.Store.FifoPath("c1"), "");
        Assert.Equal(ContainerStatus.Created, _runtime.StatusOf(r));
        var s = _runtime.State("c1");
        Assert.Equal(("created", Environment.ProcessId), (s.Status, s.Pid));
    }

    [Fact]
    public void ALiveInitWithoutFifoIsRunning()
    {
        var r = Save("c1", Environment.ProcessId, MyStartTime);
        Assert.Equal(ContainerStatus.Running, _runtime.StatusOf(r));
        Assert.Equal("running", _runtime.State("c1").Status);
    }

    [Fact]
    public void StateOfAMissingContainer()
    {
        var e = Assert.Throws<BerthException>(() => _runtime.State("nope"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public void ListSkipsCorruptStateAndSorts()
    {
        Save("b", 0, 0);
        Save("a", 99_999_999, 1);
        _runtime.Store.Reserve("bad");
        File.WriteAllText(_runtime.Store.StatePath("bad"), "{");
        Assert.Equal(["a:stopped", "b:creating"], _runtime.List().Select(s => s.Id + ":" + s.Status));
    }

    [Theory]
    [InlineData(ContainerStatus.Creating, "creating")]
    [InlineData(ContainerStatus.Created, "created")]
    [InlineData(ContainerStatus.Running, "running")]
    [InlineData(ContainerStatus.Paused, "paused")]
    [InlineData(ContainerStatus.Stopped, "stopped")]
    public void StatusText(ContainerStatus status, string text) => Assert.Equal(text, status.ToText());
}
