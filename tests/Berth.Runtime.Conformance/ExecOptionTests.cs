using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>runc's exec options: --env, --cwd, --user; and exec --detach.</summary>
public sealed class ExecOptionTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Exec_takes_env_cwd_and_user(string runtime)
    {
        using var s = new Sandbox(runtime, "execopts");
        s.Args("sleep", "60").WriteConfig();
        s.CreateAndStart();
        var r = s.Cli("exec", "--env", "EXEC_VAR=from-exec", "--cwd", "/tmp", "--user", "1000:1000", s.Id,
            "/bin/sh", "-c", "echo $EXEC_VAR; pwd; id -u; id -g"); // crun 1.8 drops the config env (PATH) when --env is given
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("from-exec\n/tmp\n1000\n1000", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Exec_detach_leaves_the_process_running(string runtime)
    {
        using var s = new Sandbox(runtime, "execdetach");
        s.Args("sleep", "60").WriteConfig();
        s.CreateAndStart();
        var marker = "sleep 31";
        var r = s.Cli("exec", "--detach", s.Id, "sleep", "31");
        Assert.True(r.Succeeded, r.ToString());
        var ps = s.Cli("exec", s.Id, "ps", "-o", "args");
        Assert.True(ps.Succeeded, ps.ToString());
        Assert.Contains(marker, ps.Stdout, StringComparison.Ordinal);
    }
}
