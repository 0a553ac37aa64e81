using Berth.Core;

namespace Berth.Oci.Tests;

public sealed class RlimitNamesTests
{
    [Theory]
    [InlineData("RLIMIT_CPU", 0)]
    [InlineData("RLIMIT_CORE", 4)]
    [InlineData("RLIMIT_NPROC", 6)]
    [InlineData("RLIMIT_NOFILE", 7)]
    [InlineData("RLIMIT_AS", 9)]
    [InlineData("RLIMIT_MSGQUEUE", 12)]
    [InlineData("RLIMIT_RTTIME", 15)]
    public void Resources(string name, int resource)
    {
        Assert.Equal(resource, RlimitNames.GetResource(name));
        Assert.True(RlimitNames.TryGetResource(name, out var r));
        Assert.Equal(resource, r);
        Assert.Equal(name, RlimitNames.All[resource]);
    }

    [Fact]
    public void Unknown()
    {
        Assert.Equal(16, RlimitNames.All.Count);
        Assert.False(RlimitNames.IsKnown("NOFILE"));
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => RlimitNames.GetResource("RLIMIT_X")).Kind);
    }
}
