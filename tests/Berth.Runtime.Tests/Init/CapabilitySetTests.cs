using Berth.Oci;
using Berth.Runtime.Init;

namespace Berth.Runtime.Tests.Init;

public sealed class CapabilitySetTests
{
    const ulong Chown = 1UL << 0, Kill = 1UL << 5, NetBind = 1UL << 10, SysAdmin = 1UL << 21, AuditWrite = 1UL << 29, CheckpointRestore = 1UL << 40;

    [Fact]
    public void NoneIsEmpty()
    {
        Assert.Equal(new CapabilitySet(0, 0, 0, 0, 0), CapabilitySet.From(null));
        Assert.Equal(new CapabilitySet(0, 0, 0, 0, 0), CapabilitySet.From(new Capabilities()));
    }

    [Fact]
    public void EachSetHasItsOwnMask()
    {
        var set = CapabilitySet.From(new Capabilities
        {
            Bounding = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_AUDIT_WRITE"],
            Effective = ["CAP_KILL"],
            Permitted = ["CAP_KILL", "CAP_SYS_ADMIN"],
            Inheritable = ["CAP_CHECKPOINT_RESTORE"],
            Ambient = [],
        });
        Assert.Equal(Chown | Kill | NetBind | AuditWrite, set.Bounding);
        Assert.Equal(Kill, set.Effective);
        Assert.Equal(Kill | SysAdmin, set.Permitted);
        Assert.Equal(CheckpointRestore, set.Inheritable);
        Assert.Equal(0UL, set.Ambient);
    }

    [Fact]
    public void DuplicatesAreHarmless() =>
        Assert.Equal(Kill, CapabilitySet.From(new Capabilities { Effective = ["CAP_KILL", "CAP_KILL"] }).Effective);

    [Fact]
    public void UnknownNamesAreWarnedAboutAndIgnored()
    {
        var warnings = new List<string>();
        var set = CapabilitySet.From(new Capabilities { Bounding = ["CAP_KILL", "CAP_NOPE"], Ambient = ["kill"] }, warnings.Add);
        Assert.Equal(Kill, set.Bounding);
        Assert.Equal(0UL, set.Ambient);
        Assert.Equal(["unknown capability CAP_NOPE ignored", "unknown capability kill ignored"], warnings);
    }

    [Fact]
    public void UnknownNamesWithoutAWarnCallback() =>
        Assert.Equal(0UL, CapabilitySet.From(new Capabilities { Bounding = ["CAP_NOPE"] }).Bounding);
}
