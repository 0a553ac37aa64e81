using Berth.Core;

namespace Berth.Runtime.Cli.Tests;

public sealed class ArgParserTests
{
    static readonly string[] Spec = ["bundle|b=", "pid-file=", "env|e=", "detach|d", "all|a"];

    static ArgParser Parse(params string[] args) => new ArgParser("create", Spec).Parse(args);

    [Theory]
    [InlineData("--bundle", "/b")]
    [InlineData("-bundle", "/b")]
    [InlineData("-b", "/b")]
    [InlineData("--b", "/b")]
    public void ValueAsNextArgument(string flag, string value)
    {
        var p = Parse(flag, value, "id");
        Assert.Equal(value, p.Value("bundle"));
        Assert.True(p.Has("bundle"));
        Assert.Equal(["id"], p.Positionals);
    }

    [Theory]
    [InlineData("--bundle=/b")]
    [InlineData("-bundle=/b")]
    [InlineData("-b=/b")]
    public void ValueInline(string arg)
    {
        var p = Parse(arg, "id");
        Assert.Equal("/b", p.Value("bundle"));
        Assert.Equal(["id"], p.Positionals);
    }

    [Fact]
    public void InlineValueKeepsFurtherEqualsSigns()
    {
        var p = Parse("--env=A=B=C");
        Assert.Equal(["A=B=C"], p.Values("env"));
    }

    [Fact]
    public void InlineValueMayBeEmpty()
    {
        var p = Parse("--pid-file=", "id");
        Assert.Equal("", p.Value("pid-file"));
        Assert.True(p.Has("pid-file"));
    }

    [Fact]
    public void NextArgumentIsTakenAsValueEvenIfItLooksLikeAFlag()
    {
        var p = Parse("--pid-file", "--detach", "id");
        Assert.Equal("--detach", p.Value("pid-file"));
        Assert.False(p.Has("detach"));
    }

    [Fact]
    public void RepeatedValuesAreKeptInOrderAndValueIsTheLast()
    {
        var p = Parse("-e", "A=1", "--env", "B=2", "--env=C=3", "id");
        Assert.Equal(["A=1", "B=2", "C=3"], p.Values("env"));
        Assert.Equal("C=3", p.Value("env"));
    }

    [Fact]
    public void AbsentFlags()
    {
        var p = Parse("id");
        Assert.False(p.Has("bundle"));
        Assert.False(p.Has("detach"));
        Assert.Null(p.Value("bundle"));
        Assert.Empty(p.Values("env"));
        Assert.Null(p.Long("pid-file"));
        Assert.Equal(7, p.Int("pid-file", 7));
    }

    [Theory]
    [InlineData("--detach")]
    [InlineData("-d")]
    [InlineData("-detach")]
    [InlineData("--detach=true")]
    [InlineData("--detach=1")]
    [InlineData("--detach=t")]
    [InlineData("--detach=TRUE")]
    [InlineData("--detach=True")]
    public void BooleanSet(string arg) => Assert.True(Parse(arg, "id").Has("detach"));

    [Theory]
    [InlineData("--detach=false")]
    [InlineData("--detach=0")]
    [InlineData("--detach=f")]
    [InlineData("--detach=FALSE")]
    [InlineData("-d=False")]
    public void BooleanUnset(string arg)
    {
        var p = Parse(arg, "id");
        Assert.False(p.Has("detach"));
        Assert.Equal(["id"], p.Positionals);
    }

    [Fact]
    public void LastBooleanOccurrenceWins()
    {
        Assert.False(Parse("--detach", "--detach=false", "id").Has("detach"));
        Assert.True(Parse("--detach=false", "-d", "id").Has("detach"));
    }

    [Fact]
    public void BooleanDoesNotConsumeTheNextArgument()
    {
        var p = Parse("--detach", "true");
        Assert.True(p.Has("detach"));
        Assert.Equal(["true"], p.Positionals);
    }

    [Theory]
    [InlineData("--detach=yes", "create: invalid boolean value \"yes\" for -detach")]
    [InlineData("-d=", "create: invalid boolean value \"\" for -d")]
    public void InvalidBoolean(string arg, string message)
    {
        var e = Assert.Throws<BerthException>(() => Parse(arg, "id"));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("--nope", "create: flag provided but not defined: -nope")]
    [InlineData("-x", "create: flag provided but not defined: -x")]
    [InlineData("--nope=1", "create: flag provided but not defined: -nope")]
    public void UnknownFlag(string arg, string message)
    {
        var e = Assert.Throws<BerthException>(() => Parse("id", arg));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("--bundle", "create: flag needs an argument: -bundle")]
    [InlineData("-b", "create: flag needs an argument: -b")]
    public void MissingValue(string arg, string message)
    {
        var e = Assert.Throws<BerthException>(() => Parse("id", arg));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void DoubleDashEndsFlags()
    {
        var p = Parse("-d", "--", "--bundle", "x", "-a");
        Assert.True(p.Has("detach"));
        Assert.False(p.Has("bundle"));
        Assert.False(p.Has("all"));
        Assert.Equal(["--bundle", "x", "-a"], p.Positionals);
    }

    [Fact]
    public void LoneDashIsPositional()
    {
        var p = Parse("-", "-d");
        Assert.Equal(["-"], p.Positionals);
        Assert.True(p.Has("detach"));
    }

    [Fact]
    public void FlagsMayFollowPositionalsByDefault()
    {
        var p = Parse("id", "--all", "KILL", "-b", "/x");
        Assert.Equal(["id", "KILL"], p.Positionals);
        Assert.True(p.Has("all"));
        Assert.Equal("/x", p.Value("bundle"));
    }

    [Fact]
    public void StopAtPositionalLeavesTheCommandLineAlone()
    {
        var p = new ArgParser("exec", ["tty|t", "env|e="]).Parse(["-t", "-e", "A=1", "ctr", "ls", "-l", "--tty", "--", "x"], stopAtPositional: true);
        Assert.True(p.Has("tty"));
        Assert.Equal(["A=1"], p.Values("env"));
        Assert.Equal(["ctr", "ls", "-l", "--tty", "--", "x"], p.Positionals);
    }

    [Fact]
    public void StopAtPositionalStillRejectsUnknownFlagsBeforeIt()
    {
        var e = Assert.Throws<BerthException>(() => new ArgParser("exec", ["tty|t"]).Parse(["-z", "ctr", "ls"], stopAtPositional: true));
        Assert.Equal("exec: flag provided but not defined: -z", e.Message);
    }

    [Fact]
    public void LongParsesAndRejects()
    {
        var p = new ArgParser("update", ["pids-limit=", "cpu-quota="]).Parse(["--pids-limit", "-1", "--cpu-quota=12x"]);
        Assert.Equal(-1L, p.Long("pids-limit"));
        Assert.Equal(-1, p.Int("pids-limit", 5));
        var e = Assert.Throws<BerthException>(() => p.Long("cpu-quota"));
        Assert.Equal("update: invalid value \"12x\" for --cpu-quota: not a number", e.Message);
    }

    [Fact]
    public void IdRequiresOnePositional()
    {
        Assert.Equal("c1", Parse("c1").Id());
        var none = Assert.Throws<BerthException>(() => Parse("-d").Id());
        Assert.Equal("\"create\" requires a container id", none.Message);
        var extra = Assert.Throws<BerthException>(() => Parse("c1", "c2").Id());
        Assert.Equal("\"create\": unexpected argument c2", extra.Message);
        Assert.Equal("c1", Parse("c1", "KILL").Id(expectedPositionals: 2));
        Assert.Equal("c1", Parse("c1", "a", "b", "c").Id(expectedPositionals: -1));
    }

    [Fact]
    public void ULongRejectsNegativesAndRange()
    {
        var p = new ArgParser("update", ["cpu-shares=", "blkio-weight=", "cpu-period="]).Parse(["--cpu-shares", "-1", "--blkio-weight=70000", "--cpu-period", "100000"]);
        Assert.Equal(100000UL, p.ULong("cpu-period"));
        Assert.Null(p.ULong("absent"));
        var neg = Assert.Throws<BerthException>(() => p.ULong("cpu-shares"));
        Assert.Equal("update: invalid value \"-1\" for --cpu-shares: not a number from 0 to 18446744073709551615", neg.Message);
        var big = Assert.Throws<BerthException>(() => p.ULong("blkio-weight", ushort.MaxValue));
        Assert.Equal("update: invalid value \"70000\" for --blkio-weight: not a number from 0 to 65535", big.Message);
        Assert.Equal(70000UL, p.ULong("blkio-weight"));
    }

    [Fact]
    public void IntRejectsOutOfRange()
    {
        var p = new ArgParser("create", ["preserve-fds="]).Parse(["--preserve-fds", "4294967296"]);
        var e = Assert.Throws<BerthException>(() => p.Int("preserve-fds", 0));
        Assert.Equal("create: invalid value \"4294967296\" for --preserve-fds: out of range", e.Message);
        Assert.Equal(3, new ArgParser("create", ["preserve-fds="]).Parse(["--preserve-fds=3"]).Int("preserve-fds", 0));
    }
}
