namespace Berth.Runtime.Cli.Tests;

public sealed class LogQuoteTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\dir", "\"C:\\\\dir\"")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    [InlineData("tab\there\r", "\"tab\\there\\r\"")]
    [InlineData("bell\a", "\"bell\\x07\"")]
    [InlineData("ünïcode", "\"ünïcode\"")]
    public void QuotesAsGo(string message, string expected) => Assert.Equal(expected, CliContext.Quote(message));
}
