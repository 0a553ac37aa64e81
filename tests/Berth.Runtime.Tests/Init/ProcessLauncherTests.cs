using Berth.Core;
using Berth.Oci;
using Berth.Runtime.Init;

namespace Berth.Runtime.Tests.Init;

public sealed class ProcessLauncherTests : IDisposable
{
    readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    string MakeFile(string dir, string name, bool executable)
    {
        var d = _dir[dir];
        Directory.CreateDirectory(d);
        var path = Path.Combine(d, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    static SpecProcess Process(string[] args, string? path = null, string? cwd = null) => new()
    {
        Args = [.. args],
        Env = path is null ? ["TERM=xterm"] : ["TERM=xterm", "PATH=" + path],
        Cwd = cwd,
    };

    [Fact]
    public void AbsolutePathIsTakenAsIs()
    {
        var tool = MakeFile("bin", "tool", executable: true);
        Assert.Equal(tool, ProcessLauncher.LookPath(Process([tool, "-x"], path: "/nonexistent")));
    }

    [Fact]
    public void MissingAbsolutePath()
    {
        var missing = _dir["nope"];
        var e = Assert.Throws<BerthException>(() => ProcessLauncher.LookPath(Process([missing])));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal($"exec: \"{missing}\": stat {missing}: no such file or directory", e.Message);
    }

    [Fact]
    public void RelativePathWithASlashIsResolvedAgainstCwd()
    {
        var tool = MakeFile("app", "run.sh", executable: true);
        Assert.Equal(Path.Combine(_dir["app"], "./run.sh"), ProcessLauncher.LookPath(Process(["./run.sh"], cwd: _dir["app"])));
        Assert.Equal(tool, Path.GetFullPath(ProcessLauncher.LookPath(Process(["app/run.sh"], cwd: _dir.Path))));
        var e = Assert.Throws<BerthException>(() => ProcessLauncher.LookPath(Process(["./other"], cwd: _dir["app"])));
        Assert.Equal($"exec: \"./other\": stat {_dir["app"]}/./other: no such file or directory", e.Message);
    }

    [Fact]
    public void PathIsSearchedInOrderForAnExecutable()
    {
        MakeFile("first", "tool", executable: false);
        var second = MakeFile("second", "tool", executable: true);
        MakeFile("third", "tool", executable: true);
        var path = $"{_dir["empty"]}::{_dir["first"]}:{_dir["second"]}:{_dir["third"]}";
        Assert.Equal(second, ProcessLauncher.LookPath(Process(["tool"], path)));
    }

    [Fact]
    public void ADirectoryIsNotAnExecutable()
    {
        Directory.CreateDirectory(Path.Combine(_dir["a"], "tool"));
        var b = MakeFile("b", "tool", executable: true);
        Assert.Equal(b, ProcessLauncher.LookPath(Process(["tool"], $"{_dir["a"]}:{_dir["b"]}")));
    }

    [Fact]
    public void TheLastPathEntryOfTheEnvironmentIsUsed()
    {
        var b = MakeFile("b", "tool", executable: true);
        var process = Process(["tool"], _dir["a"]);
        process.Env!.Add("PATH=" + _dir["b"]); // as `exec -e PATH=...` appends to the container's env
        Assert.Equal(b, ProcessLauncher.LookPath(process));
    }

    [Fact]
    public void NotFoundInPath()
    {
        var e = Assert.Throws<BerthException>(() => ProcessLauncher.LookPath(Process(["no-such-tool"], _dir.Path)));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("exec: \"no-such-tool\": executable file not found in $PATH", e.Message);
    }

    [Fact]
    public void EmptyArgs()
    {
        var e = Assert.Throws<BerthException>(() => ProcessLauncher.LookPath(new SpecProcess { Args = [] }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("process.args must not be empty", e.Message);
        Assert.Throws<BerthException>(() => ProcessLauncher.LookPath(new SpecProcess()));
    }

    [Fact]
    public void Env()
    {
        string[] env = ["PATHX=1", "PATH=/a", "EMPTY=", "X=a=b", "PATH=/b", "NOEQUALS"];
        Assert.Equal("/b", ProcessLauncher.Env(env, "PATH"));
        Assert.Equal("", ProcessLauncher.Env(env, "EMPTY"));
        Assert.Equal("a=b", ProcessLauncher.Env(env, "X"));
        Assert.Null(ProcessLauncher.Env(env, "NOEQUALS"));
        Assert.Null(ProcessLauncher.Env(env, "PAT"));
        Assert.Null(ProcessLauncher.Env(null, "PATH"));
    }

    [Fact]
    public void EnvironmentKeepsOneEntryPerNameWithTheLastValue()
    {
        var process = new SpecProcess { Env = ["A=1", "PATH=/a", "HOME=/h", "B=2", "PATH=/b", "A=3"] };
        Assert.Equal(["A=3", "PATH=/b", "HOME=/h", "B=2"], ProcessLauncher.Environment(process));
        Assert.Equal(6, process.Env!.Count);
    }

    [Fact]
    public void EnvironmentAddsHomeWhenMissing()
    {
        var env = ProcessLauncher.Environment(new SpecProcess { Env = ["A=1"], User = new SpecUser { Uid = 4000000000 } });
        Assert.Equal(["A=1", "HOME=/"], env);
    }
}
