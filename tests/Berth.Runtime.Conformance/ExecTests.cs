using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>`exec` runs a process inside the running container.</summary>
public sealed class ExecTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Exec_joins_every_namespace_of_the_container(string runtime)
    {
        using var s = new Sandbox(runtime, "execns");
        s.Args("sleep", "60").WriteConfig();
        var pid = s.CreateAndStart();
        string[] kinds = ["ipc", "mnt", "net", "pid", "uts", "cgroup", "user"];
        var r = s.Cli("exec", s.Id, "sh", "-c",
            "for n in " + string.Join(' ', kinds) + "; do echo $n $(readlink /proc/1/ns/$n) $(readlink /proc/self/ns/$n); done");
        Assert.True(r.Succeeded, r.ToString());
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToArray();
        Assert.True(lines.Length == kinds.Length, r.ToString());
        foreach (var l in lines)
        {
            Assert.True(l.Length == 3 && l[1].Length > 0 && l[1] == l[2], $"exec'd process is not in init's {l[0]} namespace:\n{r}");
        }
        // And the container's namespaces are the config's: new ones differ from the host's.
        var created = s.Config["linux"]!["namespaces"]!.AsArray().Select(n => n!["type"]!.GetValue<string>())
            .Select(t => t switch { "mount" => "mnt", "network" => "net", _ => t }).ToHashSet();
        foreach (var l in lines)
        {
            var host = new FileInfo($"/proc/self/ns/{l[0]}").LinkTarget;
            var init = new FileInfo($"/proc/{pid}/ns/{l[0]}").LinkTarget;
            Assert.Equal(init, l[1]);
            if (created.Contains(l[0]))
            {
                Assert.True(host != l[1], $"{l[0]} namespace is the host's although the config asks for a new one");
            }
            else
            {
                Assert.True(host == l[1], $"{l[0]} namespace is not the host's although the config does not ask for a new one");
            }
        }
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Exec_passes_output_and_exit_code_through(string runtime)
    {
        using var s = new Sandbox(runtime, "execexit");
        s.Args("sleep", "60").WriteConfig();
        s.CreateAndStart();
        var r = s.Cli("exec", s.Id, "sh", "-c", "echo in-$(hostname); exit 7");
        Assert.True(r.ExitCode == 7, r.ToString());
        Assert.Equal("in-conformance", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Exec_into_a_stopped_container_fails(string runtime)
    {
        using var s = new Sandbox(runtime, "execstopped");
        s.Args("true").WriteConfig();
        s.CreateAndStart();
        Assert.Equal("stopped", s.WaitForStatus("stopped"));
        var r = s.Cli("exec", s.Id, "true");
        Assert.True(r.ExitCode != 0, $"exec into a stopped container should fail:\n{r}");
    }
}
