using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>create/start/state/kill/delete/list/ps/run --detach, and the errors of the lifecycle.</summary>
public sealed class LifecycleTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void State_goes_created_running_stopped(string runtime)
    {
        using var s = new Sandbox(runtime, "state");
        s.Args("sleep", "60").WriteConfig();
        var created = s.Create();
        Assert.True(created.Succeeded, created.ToString());

        var state = s.State();
        foreach (var key in new[] { "ociVersion", "id", "status", "pid", "bundle" })
        {
            Assert.True(state.ContainsKey(key), $"state has no {key}: {state.ToJsonString()}");
        }
        Assert.False(string.IsNullOrEmpty(state["ociVersion"]!.GetValue<string>()));
        Assert.Equal(s.Id, state["id"]!.GetValue<string>());
        Assert.Equal("created", state["status"]!.GetValue<string>());
        Assert.Equal(s.Bundle, state["bundle"]!.GetValue<string>());
        var pid = state["pid"]!.GetValue<int>();
        Assert.True(pid > 0 && Directory.Exists($"/proc/{pid}"), $"created container has no live pid: {state.ToJsonString()}");

        Assert.True(s.Start().Succeeded);
        Assert.Equal("running", s.Status());
        Assert.Equal(pid, s.Pid());

        var killed = s.Cli("kill", s.Id, "KILL");
        Assert.True(killed.Succeeded, killed.ToString());
        Assert.Equal("stopped", s.WaitForStatus("stopped"));

        var deleted = s.Cli("delete", s.Id);
        Assert.True(deleted.Succeeded, deleted.ToString());
        var gone = s.Cli("state", s.Id);
        Assert.True(gone.ExitCode != 0, $"state of a deleted container should fail:\n{gone}");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Container_that_exits_is_stopped(string runtime)
    {
        using var s = new Sandbox(runtime, "exits");
        s.Args("true").WriteConfig();
        s.CreateAndStart();
        Assert.Equal("stopped", s.WaitForStatus("stopped"));
        var deleted = s.Cli("delete", s.Id);
        Assert.True(deleted.Succeeded, deleted.ToString());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Run_detach_returns_with_the_container_running(string runtime)
    {
        using var s = new Sandbox(runtime, "detach");
        s.Args("sleep", "60").WriteConfig();
        var r = s.RunDetached();
        Assert.True(r.Succeeded, r.ToString());
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(15), $"run --detach waited for the container:\n{r}");
        Assert.Equal("running", s.Status());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Delete_force_removes_a_running_container(string runtime)
    {
        using var s = new Sandbox(runtime, "delforce");
        s.Args("sleep", "60").WriteConfig();
        var pid = s.CreateAndStart();
        var deleted = s.Cli("delete", "--force", s.Id);
        Assert.True(deleted.Succeeded, deleted.ToString());
        Assert.True(s.Cli("state", s.Id).ExitCode != 0, "state still knows the deleted container");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
        Assert.False(IsAlive(pid), $"the container's init {pid} survived delete --force");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Delete_without_force_refuses_a_running_container(string runtime)
    {
        using var s = new Sandbox(runtime, "delrunning");
        s.Args("sleep", "60").WriteConfig();
        s.CreateAndStart();
        var deleted = s.Cli("delete", s.Id);
        Assert.True(deleted.ExitCode != 0, $"delete of a running container should fail:\n{deleted}");
        Assert.False(string.IsNullOrWhiteSpace(deleted.Stderr + deleted.Stdout), "no error message");
        Assert.Equal("running", s.Status());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Kill_of_a_stopped_container_fails(string runtime)
    {
        using var s = new Sandbox(runtime, "killstopped");
        s.Args("true").WriteConfig();
        s.CreateAndStart();
        Assert.Equal("stopped", s.WaitForStatus("stopped"));
        var killed = s.Cli("kill", s.Id, "KILL");
        Assert.True(killed.ExitCode != 0, $"kill of a stopped container should fail:\n{killed}");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void List_shows_the_container(string runtime)
    {
        using var s = new Sandbox(runtime, "list");
        s.Args("sleep", "60").WriteConfig();
        s.CreateAndStart();
        var list = s.Cli("list");
        Assert.True(list.Succeeded, list.ToString());
        var row = list.Stdout.Split('\n').FirstOrDefault(l => l.Split(' ', '\t').Contains(s.Id));
        Assert.True(row is not null, $"list does not show {s.Id}:\n{list}");
        Assert.Contains("running", row, StringComparison.Ordinal);
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Ps_shows_the_init_pid(string runtime)
    {
        using var s = new Sandbox(runtime, "ps");
        s.Args("sleep", "60").WriteConfig();
        var pid = s.CreateAndStart();
        var ps = s.Cli("ps", "--format", "json", s.Id);
        Assert.True(ps.Succeeded, ps.ToString());
        var pids = JsonNode.Parse(ps.Stdout)!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        Assert.Contains(pid, pids);
    }

    static bool IsAlive(int pid)
    {
        // A zombie has no process left to speak of: count it as dead.
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
