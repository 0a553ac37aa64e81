namespace Berth.Runtime.Cli.Tests;

public sealed class IoErrorTextTests
{
    [Theory]
    [InlineData("IO_PathNotFound_Path, /run/x/config.json", "/run/x/config.json: no such file or directory")]
    [InlineData("IO_FileNotFound_FileName, /a", "/a: no such file or directory")]
    [InlineData("UnauthorizedAccess_IODenied_Path, /root/x", "/root/x: permission denied")]
    [InlineData("IO_FileExists_Name, /b", "/b: file exists")]
    [InlineData("a message already meant for people", "a message already meant for people")]
    public void ResourceKeysBecomeWords(string message, string expected) =>
        Assert.Equal(expected, IoErrorText.Describe(new IOException(message)));
}
