using System.Diagnostics;
using System.Text.Json;
using Berth.Core;
using Berth.Oci;
using Berth.Runtime.Hooks;

namespace Berth.Runtime.Tests.Hooks;

public sealed class HookRunnerTests : IDisposable
{
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    static readonly ContainerState State = new()
    {
        Id = "c1", Status = "created", Pid = 1234, Bundle = "/bundles/c1", Annotations = new() { ["k"] = "v" },
    };

    static Hook Sh(string script, int? timeout = null, params string[] env) =>
        new() { Path = "/bin/sh", Args = ["sh", "-c", script], Env = [.. env], Timeout = timeout };

    [Fact]
    public void TheStateArrivesOnStdin()
    {
        var file = _dir["state.json"];
        HookRunner.Run("prestart", [Sh($"cat > {file}")], State);
        var back = JsonSerializer.Deserialize(File.ReadAllText(file), OciJsonContext.Default.ContainerState)!;
        Assert.Equal(("c1", "created", 1234, "/bundles/c1", "v"), (back.Id, back.Status, back.Pid, back.Bundle, back.Annotations!["k"]));
        Assert.Equal(OciJson.SpecVersion, back.OciVersion);
    }

    [Fact]
    public void ArgsAfterTheFirstAreTheHooksArguments()
    {
        var file = _dir["args"];
        HookRunner.Run("poststart", [new Hook { Path = "/bin/sh", Args = ["ignored-argv0", "-c", $"echo \"$0|$1|$#\" > {file}", "a b", "c"] }], State);
        Assert.Equal("a b|c|1\n", File.ReadAllText(file));
    }

    [Fact]
    public void OnlyTheHooksEnvironment()
    {
        var file = _dir["env"];
        HookRunner.Run("createRuntime", [Sh($"echo \"$FOO|$EMPTY|${{HOME-unset}}|${{BAD-unset}}\" > {file}", null, "FOO=a=b", "EMPTY=", "BAD")], State);
        Assert.Equal("a=b||unset|unset\n", File.ReadAllText(file));
    }

    [Fact]
    public void AFailingHookIsAnErrorWithItsStderr()
    {
        var e = Assert.Throws<BerthException>(() => HookRunner.Run("prestart", [Sh("echo out; echo 'bad\nthing' >&2; exit 3")], State));
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
        Assert.Equal("prestart hook /bin/sh: exit status 3: bad thing", e.Message);
    }

    [Fact]
    public void WithoutStderrTheStdoutIsShown()
    {
        var e = Assert.Throws<BerthException>(() => HookRunner.Run("prestart", [Sh("echo only-out; exit 1")], State));
        Assert.Equal("prestart hook /bin/sh: exit status 1: only-out", e.Message);
        e = Assert.Throws<BerthException>(() => HookRunner.Run("prestart", [Sh("exit 2")], State));
        Assert.Equal("prestart hook /bin/sh: exit status 2", e.Message);
    }

    [Fact]
    public void AHookThatIgnoresStdinIsFine() => HookRunner.Run("prestart", [Sh("exit 0"), Sh("true")], State);

    [Fact]
    public void AHookIsKilledAtItsTimeout()
    {
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<BerthException>(() => HookRunner.Run("createContainer", [Sh("sleep 30", timeout: 1)], State));
        Assert.Equal("createContainer hook /bin/sh: timed out after 1s", e.Message);
        Assert.InRange(sw.Elapsed.TotalSeconds, 0.9, 15);
    }

    [Fact]
    public void AMissingHook()
    {
        var e = Assert.Throws<BerthException>(() => HookRunner.Run("prestart", [new Hook { Path = _dir["nope"] }], State));
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
        Assert.StartsWith($"prestart hook {_dir["nope"]}: ", e.Message);
    }

    [Fact]
    public void RunStopsAtTheFirstFailure()
    {
        var file = _dir["ran"];
        Assert.Throws<BerthException>(() => HookRunner.Run("prestart", [Sh("exit 1"), Sh($"touch {file}")], State));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void RunAllRunsEveryHookAndCollectsWarnings()
    {
        var file = _dir["ran"];
        var warnings = HookRunner.RunAll("poststop", [Sh("echo first >&2; exit 1"), Sh($"touch {file}"), Sh("exit 4")], State);
        Assert.True(File.Exists(file));
        Assert.Equal(["poststop hook /bin/sh: exit status 1: first", "poststop hook /bin/sh: exit status 4"], warnings);
    }

    [Fact]
    public void NoHooks()
    {
        HookRunner.Run("prestart", null, State);
        Assert.Empty(HookRunner.RunAll("poststop", null, State));
    }
}
