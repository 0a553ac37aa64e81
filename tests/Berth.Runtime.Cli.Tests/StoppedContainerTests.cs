using Berth.Oci;
using Berth.Runtime.State;

namespace Berth.Runtime.Cli.Tests;

/// <summary>
/// Commands against containers with no live init (a stopped one and one still creating): no root needed.
/// kill and delete of the creating one are tested in Berth.Runtime.Tests in a setsid child: a regression there
/// is a kill(0, SIGKILL), which in-process would take the test runner down with it.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class StoppedContainerTests : IDisposable
{
    readonly TempDir _root = new();

    public StoppedContainerTests()
    {
        var store = new ContainerStore(_root.Path);
        store.Reserve("dead");
        store.SaveConfig("dead", DefaultSpec.Create());
        store.Save(new ContainerRecord { Id = "dead", Bundle = "/b", Pid = 99_999_999, PidStartTime = 1 });
        store.Reserve("new");
        store.SaveConfig("new", DefaultSpec.Create());
        store.Save(new ContainerRecord { Id = "new", Bundle = "/b", Pid = 0 });
    }

    public void Dispose() => _root.Dispose();

    (int Code, string Out, string Err) Run(params string[] args) => Cli.Run(["--root", _root.Path, .. args]);

    [Theory]
    [InlineData(new[] { "start", "dead" }, "cannot start a container that has stopped")]
    [InlineData(new[] { "start", "new" }, "cannot start an already creating container")]
    [InlineData(new[] { "kill", "dead" }, "container not running")]
    [InlineData(new[] { "pause", "dead" }, "cannot pause container dead: container is stopped")]
    [InlineData(new[] { "resume", "dead" }, "container not paused")]
    [InlineData(new[] { "update", "--memory", "1g", "dead" }, "cannot update container dead: container is stopped")]
    [InlineData(new[] { "exec", "dead", "ls" }, "cannot exec in a stopped container")]
    [InlineData(new[] { "exec", "dead" }, "exec: a command to run is required (or --process)")]
    [InlineData(new[] { "exec", "-u", "abc", "dead", "ls" }, "exec: --user must be uid[:gid] in numbers, got \"abc\"")]
    [InlineData(new[] { "exec", "--user", "1:2:3", "dead", "ls" }, "exec: --user must be uid[:gid] in numbers, got \"1:2:3\"")]
    [InlineData(new[] { "exec", "-g", "x", "dead", "ls" }, "exec: invalid gid x")]
    [InlineData(new[] { "delete", "nope" }, "container \"nope\" does not exist")]
    public void Refused(string[] args, string message)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal((1, "", "berth-runtime: " + message + "\n"), (code, stdout, stderr));
    }

    [Fact]
    public void ExecProcessFileErrors()
    {
        var missing = _root["missing.json"];
        Assert.Equal((1, $"berth-runtime: --process: {missing}: no such file\n"), Pick(Run("exec", "--process", missing, "dead")));
        var empty = _root["empty.json"];
        File.WriteAllText(empty, "{\"args\": []}");
        Assert.Equal((1, "berth-runtime: process.args: must not be empty\n"), Pick(Run("exec", "-p", empty, "dead")));
        File.WriteAllText(empty, "{\"args\": [\"ls\"]}");
        Assert.Equal((1, "berth-runtime: cannot exec in a stopped container\n"), Pick(Run("exec", "-p", empty, "dead")));
    }

    static (int, string) Pick((int Code, string Out, string Err) r) => (r.Code, r.Err);

    [Fact]
    public void PsOfAStoppedContainerIsEmpty() => Assert.Equal((0, "[]\n", ""), Run("ps", "--format", "json", "dead"));

    [Fact]
    public void DeleteOfAStoppedContainer()
    {
        Assert.Equal((0, "", ""), Run("delete", "dead"));
        Assert.False(Directory.Exists(_root["dead"]));
        Assert.Equal((0, "new\n", ""), Run("list", "-q"));
    }
}
