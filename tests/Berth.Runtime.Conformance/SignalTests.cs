using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>`kill ID SIGNAL` reaches the container's init, by name or number.</summary>
public sealed class SignalTests
{
    /// <summary>PID 1 ignores signals it has no handler for, so TERM goes to a shell that traps it.</summary>
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth, "TERM")]
    [InlineData(RuntimeUnderTest.Runc, "TERM")]
    [InlineData(RuntimeUnderTest.Crun, "TERM")]
    [InlineData(RuntimeUnderTest.Berth, "SIGTERM")]
    [InlineData(RuntimeUnderTest.Runc, "SIGTERM")]
    [InlineData(RuntimeUnderTest.Crun, "SIGTERM")]
    [InlineData(RuntimeUnderTest.Berth, "15")]
    [InlineData(RuntimeUnderTest.Runc, "15")]
    [InlineData(RuntimeUnderTest.Crun, "15")]
    public void Term_reaches_a_trapping_init(string runtime, string signal)
    {
        using var s = new Sandbox(runtime, "term");
        s.Shell("trap 'echo got-term; exit 0' TERM; echo ready; while :; do sleep 0.1; done").WriteConfig();
        s.CreateAndStart();
        WaitForOutput(s, "ready");
        var killed = s.Cli("kill", s.Id, signal);
        Assert.True(killed.Succeeded, killed.ToString());
        Assert.Equal("stopped", s.WaitForStatus("stopped"));
        Assert.Contains("got-term", s.Output().Stdout, StringComparison.Ordinal);
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth, "KILL")]
    [InlineData(RuntimeUnderTest.Runc, "KILL")]
    [InlineData(RuntimeUnderTest.Crun, "KILL")]
    [InlineData(RuntimeUnderTest.Berth, "9")]
    [InlineData(RuntimeUnderTest.Runc, "9")]
    [InlineData(RuntimeUnderTest.Crun, "9")]
    public void Kill_stops_an_init_without_handlers(string runtime, string signal)
    {
        using var s = new Sandbox(runtime, "kill");
        s.Args("sleep", "60").WriteConfig();
        s.CreateAndStart();
        var killed = s.Cli("kill", s.Id, signal);
        Assert.True(killed.Succeeded, killed.ToString());
        Assert.Equal("stopped", s.WaitForStatus("stopped"));
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Kill_defaults_to_term(string runtime)
    {
        using var s = new Sandbox(runtime, "killdefault");
        s.Shell("trap 'echo got-term; exit 0' TERM; echo ready; while :; do sleep 0.1; done").WriteConfig();
        s.CreateAndStart();
        WaitForOutput(s, "ready");
        var killed = s.Cli("kill", s.Id);
        Assert.True(killed.Succeeded, killed.ToString());
        Assert.Equal("stopped", s.WaitForStatus("stopped"));
        Assert.Contains("got-term", s.Output().Stdout, StringComparison.Ordinal);
    }

    static void WaitForOutput(Sandbox s, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!s.Output().Stdout.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the container never printed {text}: {s.Output()}");
            Thread.Sleep(20);
        }
    }
}
