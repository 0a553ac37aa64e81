namespace Berth.Runtime.Cli.Tests;

public sealed class TableTests
{
    static string Render(params string[][] rows)
    {
        var w = new StringWriter { NewLine = "\n" };
        Table.Write(rows, w);
        return w.ToString();
    }

    [Fact]
    public void NoRowsWritesNothing() => Assert.Equal("", Render());

    [Fact]
    public void ColumnsAreAtLeastTwelveWide()
    {
        Assert.Equal(
            "ID          PID         STATUS\n" +
            "c1          42          running\n",
            Render(["ID", "PID", "STATUS"], ["c1", "42", "running"]));
    }

    [Fact]
    public void WideCellsGetThreeSpacesOfPadding()
    {
        Assert.Equal(
            "ID                   PID         BUNDLE\n" +
            "a-very-long-id-123   1           /b\n",
            Render(["ID", "PID", "BUNDLE"], ["a-very-long-id-123", "1", "/b"]));
    }

    [Fact]
    public void TheLastColumnIsNotPaddedAndTrailingBlanksAreTrimmed()
    {
        Assert.Equal(
            "ID          OWNER\n" +
            "x\n",
            Render(["ID", "OWNER"], ["x", ""]));
    }

    [Fact]
    public void LongLastCellDoesNotWidenEarlierColumns()
    {
        Assert.Equal(
            "A           B\n" +
            "a           /a/very/long/bundle/path/that/is/long\n",
            Render(["A", "B"], ["a", "/a/very/long/bundle/path/that/is/long"]));
    }
}
