using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>OCI hooks: each phase runs, in order, with the container's state on stdin; a failing one stops create.</summary>
public sealed class HookTests
{
    static JsonObject Hook(string script, params string[] extra) => new()
    {
        ["path"] = "/bin/sh",
        ["args"] = new JsonArray([(JsonNode)"sh", "-c", script, .. extra.Select(e => (JsonNode)e)]),
    };

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Hooks_run_in_order_with_the_state_on_stdin(string runtime)
    {
        using var s = new Sandbox(runtime, "hooks");
        var log = s.TempPath("hooks.log");
        // Each host-side hook appends "phase id status" taken from the state JSON it reads on stdin.
        string Append(string phase) =>
            $"state=$(cat); id=$(echo \"$state\" | sed -n 's/.*\"id\": *\"\\([^\"]*\\)\".*/\\1/p'); echo \"{phase} $id\" >> {log}";
        s.Config["hooks"] = new JsonObject
        {
            ["prestart"] = new JsonArray(Hook(Append("prestart"))),
            ["createRuntime"] = new JsonArray(Hook(Append("createRuntime"))),
            ["createContainer"] = new JsonArray(Hook(Append("createContainer"))),
            // startContainer runs inside the container, after pivot_root: it can only leave a mark there.
            ["startContainer"] = new JsonArray(Hook("cat > /dev/null; echo started > /dev/shm/hook")),
            ["poststart"] = new JsonArray(Hook(Append("poststart"))),
            ["poststop"] = new JsonArray(Hook(Append("poststop"))),
        };
        s.Shell("cat /dev/shm/hook").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, $"run with hooks failed:\n{r}");
        Assert.Equal("started", r.Stdout.Trim());
        var lines = File.ReadAllLines(log);
        Assert.Equal(
            ["prestart", "createRuntime", "createContainer", "poststart", "poststop"],
            lines.Select(l => l.Split(' ')[0]).ToArray());
        Assert.All(lines, l => Assert.EndsWith(" " + s.Id, l));
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void A_failing_prestart_hook_fails_create_and_leaves_no_container(string runtime)
    {
        using var s = new Sandbox(runtime, "hookfail");
        s.Config["hooks"] = new JsonObject { ["prestart"] = new JsonArray(Hook("cat > /dev/null; echo nope >&2; exit 7")) };
        s.Shell("true").WriteConfig();
        var r = s.Create();
        Assert.True(r.ExitCode != 0, $"create with a failing prestart hook should fail:\n{r}");
        Assert.True(s.Cli("state", s.Id).ExitCode != 0, "a container exists after a failed create");
    }
}
