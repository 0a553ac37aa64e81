using Berth.Core;

namespace Berth.Oci.Tests;

public sealed class CapabilityNamesTests
{
    [Theory]
    [InlineData("CAP_CHOWN", 0)]
    [InlineData("CAP_KILL", 5)]
    [InlineData("CAP_NET_BIND_SERVICE", 10)]
    [InlineData("CAP_SYS_ADMIN", 21)]
    [InlineData("CAP_MKNOD", 27)]
    [InlineData("CAP_AUDIT_WRITE", 29)]
    [InlineData("CAP_AUDIT_READ", 37)]
    [InlineData("CAP_PERFMON", 38)]
    [InlineData("CAP_BPF", 39)]
    [InlineData("CAP_CHECKPOINT_RESTORE", 40)]
    public void Numbers(string name, int number)
    {
        Assert.Equal(number, CapabilityNames.GetNumber(name));
        Assert.True(CapabilityNames.TryGetNumber(name, out var n));
        Assert.Equal(number, n);
        Assert.Equal(name, CapabilityNames.GetName(number));
        Assert.Equal(name, CapabilityNames.All[number]);
    }

    [Fact]
    public void AllFortyOne()
    {
        Assert.Equal(41, CapabilityNames.All.Count);
        Assert.Equal(CapabilityNames.Last + 1, CapabilityNames.All.Count);
        Assert.Equal(CapabilityNames.All.Count, CapabilityNames.All.Distinct().Count());
        Assert.All(CapabilityNames.All, n => Assert.Matches("^CAP_[A-Z_]+$", n));
    }

    [Fact]
    public void Unknown()
    {
        Assert.False(CapabilityNames.IsKnown("cap_chown"));
        Assert.False(CapabilityNames.IsKnown("CHOWN"));
        Assert.False(CapabilityNames.TryGetNumber("CAP_FLY", out _));
        Assert.Null(CapabilityNames.GetName(41));
        Assert.Null(CapabilityNames.GetName(-1));
        var e = Assert.Throws<BerthException>(() => CapabilityNames.GetNumber("CAP_FLY"));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("unknown capability \"CAP_FLY\"", e.Message);
    }

    // Same order as `runc features` prints, which is the kernel's numbering.
    [SpecsFact]
    public void SameAsRuncFeaturesVector()
    {
        var runc = RuntimeFeatures.Parse(File.ReadAllBytes(Path.Combine(TestEnvironment.SpecDir, "test-vectors", "features", "good", "runc.json")), "runc.json");
        Assert.Equal(runc.Linux!.Capabilities!, CapabilityNames.All);
    }
}
