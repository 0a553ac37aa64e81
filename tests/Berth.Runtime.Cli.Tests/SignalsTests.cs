using Berth.Core;

namespace Berth.Runtime.Cli.Tests;

public sealed class SignalsTests
{
    [Theory]
    [InlineData("KILL", 9)]
    [InlineData("SIGKILL", 9)]
    [InlineData("kill", 9)]
    [InlineData("sigkill", 9)]
    [InlineData("SigTerm", 15)]
    [InlineData("HUP", 1)]
    [InlineData("INT", 2)]
    [InlineData("QUIT", 3)]
    [InlineData("USR1", 10)]
    [InlineData("USR2", 12)]
    [InlineData("STKFLT", 16)]
    [InlineData("CHLD", 17)]
    [InlineData("CONT", 18)]
    [InlineData("STOP", 19)]
    [InlineData("WINCH", 28)]
    [InlineData("SIGIO", 29)]
    [InlineData("POLL", 29)]
    [InlineData("IOT", 6)]
    [InlineData("ABRT", 6)]
    [InlineData("PWR", 30)]
    [InlineData("SYS", 31)]
    public void Names(string s, int expected) => Assert.Equal(expected, Signals.Parse(s));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("9", 9)]
    [InlineData("15", 15)]
    [InlineData("64", 64)]
    public void Numbers(string s, int expected) => Assert.Equal(expected, Signals.Parse(s));

    [Theory]
    [InlineData("RTMIN", 34)]
    [InlineData("SIGRTMIN", 34)]
    [InlineData("RTMIN+1", 35)]
    [InlineData("rtmin+3", 38 - 1)]
    [InlineData("SIGRTMIN+30", 64)]
    [InlineData("RTMAX", 64)]
    [InlineData("RTMAX-1", 63)]
    [InlineData("SIGRTMAX-30", 34)]
    public void Realtime(string s, int expected) => Assert.Equal(expected, Signals.Parse(s));

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-9")]
    [InlineData("")]
    [InlineData("SIG")]
    [InlineData("NOPE")]
    [InlineData("SIGNOPE")]
    [InlineData("RTMIN+31")]
    [InlineData("RTMIN-1")]
    [InlineData("RTMAX+1")]
    [InlineData("RTMAX-31")]
    [InlineData("RTMINFOO")]
    [InlineData("RTMAX+")]
    [InlineData("RTMIN+x")]
    public void Invalid(string s)
    {
        var e = Assert.Throws<BerthException>(() => Signals.Parse(s));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"invalid signal {s}", e.Message);
    }
}
