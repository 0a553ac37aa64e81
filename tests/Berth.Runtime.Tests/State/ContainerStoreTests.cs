using Berth.Core;
using Berth.Runtime.State;

namespace Berth.Runtime.Tests.State;

public sealed class ContainerStoreTests : IDisposable
{
    readonly TempDir _dir = new();
    readonly ContainerStore _store;

    public ContainerStoreTests() => _store = new ContainerStore(_dir["root"]);

    public void Dispose() => _dir.Dispose();

    static ContainerRecord Record(string id) => new()
    {
        Id = id,
        Bundle = "/bundles/" + id,
        Rootfs = "/bundles/" + id + "/rootfs",
        Pid = 4242,
        PidStartTime = 123456789,
        Created = new DateTimeOffset(2026, 12, 3, 18, 0, 0, 123, TimeSpan.Zero),
        Owner = "root",
        Annotations = new() { ["a"] = "b" },
        Cgroup = "/sys/fs/cgroup/berth/" + id,
        Started = true,
    };

    [Fact]
    public void Paths()
    {
        Assert.Equal(_dir["root"], _store.Root);
        Assert.Equal(_dir["root"] + "/c1", _store.Dir("c1"));
        Assert.Equal(_dir["root"] + "/c1/state.json", _store.StatePath("c1"));
        Assert.Equal(_dir["root"] + "/c1/config.json", _store.ConfigPath("c1"));
        Assert.Equal(_dir["root"] + "/c1/exec.fifo", _store.FifoPath("c1"));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("abc-DEF_123")]
    [InlineData("a.b+c")]
    [InlineData("...")]
    [InlineData("-x")]
    public void ValidIds(string id) => ContainerStore.ValidateId(id);

    [Fact]
    public void LongestValidId() => ContainerStore.ValidateId(new string('a', 1024));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("../x")]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("é")]
    [InlineData("a\nb")]
    public void InvalidIds(string id)
    {
        var e = Assert.Throws<BerthException>(() => ContainerStore.ValidateId(id));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"invalid container id \"{id}\": use letters, digits and _ - . +", e.Message);
    }

    [Fact]
    public void TooLongId() =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => ContainerStore.ValidateId(new string('a', 1025))).Kind);

    [Fact]
    public void ReserveMakesAPrivateRootAndTheDirectory()
    {
        _store.Reserve("c1");
        Assert.True(Directory.Exists(_store.Dir("c1")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_store.Root));
        Assert.False(_store.Exists("c1"));
    }

    [Fact]
    public void ReserveRefusesAnExistingContainer()
    {
        _store.Reserve("c1");
        _store.Save(Record("c1"));
        var e = Assert.Throws<BerthException>(() => _store.Reserve("c1"));
        Assert.Equal(ErrorKind.AlreadyExists, e.Kind);
        Assert.Equal("container with id \"c1\" already exists", e.Message);
    }

    [Fact]
    public void OnlyOneDeleteClaimsAContainer()
    {
        _store.Reserve("c1");
        _store.Save(Record("c1"));
        var claims = 0;
        Parallel.For(0, 8, _ => { if (_store.TryClaimForDelete("c1")) Interlocked.Increment(ref claims); });
        Assert.Equal(1, claims);
        Assert.False(_store.Exists("c1"));
        _store.RemoveAbandoned("c1"); // a claimed directory belongs to the delete that claimed it
        Assert.True(Directory.Exists(_store.Dir("c1")));
        _store.Remove("c1");
        _store.Remove("c1"); // already gone: not an error
        Assert.False(Directory.Exists(_store.Dir("c1")));
    }

    [Fact]
    public void AnAbandonedReservationIsRemoved()
    {
        _store.Reserve("c1");
        _store.RemoveAbandoned("c1");
        Assert.False(Directory.Exists(_store.Dir("c1")));
    }

    [Fact]
    public void ConcurrentReservesOfOneIdLetExactlyOneWin()
    {
        for (int round = 0; round < 20; round++)
        {
            var id = "race" + round;
            int wins = 0, refusals = 0;
            Parallel.For(0, 8, _ =>
            {
                try { _store.Reserve(id); Interlocked.Increment(ref wins); }
                catch (BerthException e) when (e.Kind == ErrorKind.AlreadyExists) { Interlocked.Increment(ref refusals); }
            });
            Assert.Equal((1, 7), (wins, refusals));
        }
    }

    [Fact]
    public void ReserveRefusesADirectoryInUse()
    {
        _store.Reserve("c1");
        File.WriteAllText(_store.FifoPath("c1"), "");
        Assert.Equal(ErrorKind.AlreadyExists, Assert.Throws<BerthException>(() => _store.Reserve("c1")).Kind);
    }

    [Fact]
    public void ReserveValidatesTheId()
    {
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => _store.Reserve("../evil")).Kind);
        Assert.False(Directory.Exists(_dir["evil"]));
    }

    [Fact]
    public void SaveThenLoadRoundTrips()
    {
        _store.Reserve("c1");
        var r = Record("c1");
        _store.Save(r);
        Assert.True(_store.Exists("c1"));
        var back = _store.Load("c1");
        Assert.Equal(
            (r.Id, r.Bundle, r.Rootfs, r.Pid, r.PidStartTime, r.Created, r.Owner, r.Cgroup, r.Started),
            (back.Id, back.Bundle, back.Rootfs, back.Pid, back.PidStartTime, back.Created, back.Owner, back.Cgroup, back.Started));
        Assert.Equal(r.Annotations, back.Annotations);
    }

    [Fact]
    public void SaveReplacesAtomicallyAndLeavesNoTemporaryFile()
    {
        _store.Reserve("c1");
        _store.Save(Record("c1"));
        var r = Record("c1");
        r.Pid = 7;
        r.Started = false;
        _store.Save(r);
        Assert.Equal((7, false), (_store.Load("c1").Pid, _store.Load("c1").Started));
        Assert.Equal([".reserved", "state.json"], Directory.GetFiles(_store.Dir("c1")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void LoadOfAMissingContainer()
    {
        var e = Assert.Throws<BerthException>(() => _store.Load("nope"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("container \"nope\" does not exist", e.Message);
        _store.Reserve("empty");
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _store.Load("empty")).Kind);
    }

    [Fact]
    public void LoadValidatesTheId() =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => _store.Load("..")).Kind);

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"pid\": \"x\"}")]
    [InlineData("[]")]
    [InlineData("null")]
    public void CorruptStateIsAClearError(string content)
    {
        _store.Reserve("c1");
        File.WriteAllText(_store.StatePath("c1"), content);
        var e = Assert.Throws<BerthException>(() => _store.Load("c1"));
        Assert.Equal(ErrorKind.Unknown, e.Kind);
        Assert.StartsWith($"{_store.StatePath("c1")}: corrupt state: ", e.Message);
    }

    [Fact]
    public void IdsAreSortedAndOnlyThoseWithState()
    {
        Assert.Empty(_store.Ids());
        foreach (var id in new[] { "b", "a", "C", "reserved-only" }) _store.Reserve(id);
        foreach (var id in new[] { "b", "a", "C" }) _store.Save(Record(id));
        File.WriteAllText(Path.Combine(_store.Root, "stray-file"), "");
        Assert.Equal(["C", "a", "b"], _store.Ids());
    }

    [Fact]
    public void RemoveDeletesTheDirectoryAndIsIdempotent()
    {
        _store.Reserve("c1");
        _store.Save(Record("c1"));
        _store.Remove("c1");
        Assert.False(Directory.Exists(_store.Dir("c1")));
        Assert.False(_store.Exists("c1"));
        _store.Remove("c1");
        _store.Reserve("c1");
    }

    [Fact]
    public void ConfigRoundTrips()
    {
        _store.Reserve("c1");
        var spec = Berth.Oci.DefaultSpec.Create();
        spec.Hostname = "h1";
        _store.SaveConfig("c1", spec);
        var back = _store.LoadConfig("c1");
        Assert.Equal("h1", back.Hostname);
        Assert.Equal(Berth.Oci.DefaultSpec.ToJson(spec), Berth.Oci.DefaultSpec.ToJson(back));
    }
}
