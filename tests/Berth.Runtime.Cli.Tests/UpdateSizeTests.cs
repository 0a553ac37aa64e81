using Berth.Core;
using Berth.Runtime.Cli.Commands;

namespace Berth.Runtime.Cli.Tests;

public sealed class UpdateSizeTests
{
    static long? Size(params string[] args) =>
        UpdateCommand.Size(new ArgParser("update", ["memory|m="]).Parse(args), "memory");

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("512", 512L)]
    [InlineData("-1", -1L)]
    [InlineData("1k", 1024L)]
    [InlineData("1K", 1024L)]
    [InlineData("4kb", 4096L)]
    [InlineData("4KiB", 4096L)]
    [InlineData("64m", 64L << 20)]
    [InlineData("64M", 64L << 20)]
    [InlineData("64MB", 64L << 20)]
    [InlineData("2g", 2L << 30)]
    [InlineData("2 GiB", 2L << 30)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("1t", 1L << 40)]
    [InlineData("1p", 1L << 50)]
    [InlineData("100b", 100L)]
    [InlineData("0.5k", 512L)]
    public void Valid(string value, long expected) => Assert.Equal(expected, Size("--memory", value, "id"));

    [Fact]
    public void AbsentIsNull() => Assert.Null(Size("id"));

    [Fact]
    public void ShortFlagAndInline()
    {
        Assert.Equal(1L << 20, Size("-m", "1m", "id"));
        Assert.Equal(1L << 20, Size("--memory=1m", "id"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-2")]
    [InlineData("-1k")]
    [InlineData("k")]
    [InlineData("1x")]
    [InlineData("1kk")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.2.3")]
    [InlineData("1bb")]
    [InlineData(" 1")]
    public void Invalid(string value)
    {
        var e = Assert.Throws<BerthException>(() => Size("--memory", value, "id"));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"update: invalid size \"{value}\" for --memory", e.Message);
    }

    [Theory]
    [InlineData("8192p")]
    [InlineData("99999999999999999999999")]
    public void TooLarge(string value)
    {
        var e = Assert.Throws<BerthException>(() => Size("--memory", value, "id"));
        Assert.Equal($"update: size \"{value}\" for --memory is too large", e.Message);
    }
}
