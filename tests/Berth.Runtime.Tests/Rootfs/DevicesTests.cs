using Berth.Runtime.Rootfs;

namespace Berth.Runtime.Tests.Rootfs;

public sealed class DevicesTests
{
    [Fact]
    public void DefaultsAreRuncs()
    {
        Assert.Equal(
            ["/dev/null c 1:3", "/dev/zero c 1:5", "/dev/full c 1:7", "/dev/random c 1:8", "/dev/urandom c 1:9", "/dev/tty c 5:0"],
            Devices.Defaults.Select(d => $"{d.Path} {d.Type} {d.Major}:{d.Minor}"));
        Assert.All(Devices.Defaults, d =>
        {
            Assert.Equal(0x1B6u, (uint)d.FileMode!.Value); // 0666
            Assert.Equal(0u, d.Uid);
            Assert.Equal(0u, d.Gid);
        });
    }

    [Fact]
    public void AllowRules()
    {
        var rules = Devices.AllowRules().ToList();
        Assert.All(rules, r => Assert.True(r.Allow));
        Assert.Equal(
        [
            "c *:* m", "b *:* m",
            "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", "c 5:0 rwm",
            "c 5:1 rwm", "c 136:* rwm", "c 5:2 rwm",
        ], rules.Select(r => $"{r.Type} {(r.Major is { } ma ? ma.ToString() : "*")}:{(r.Minor is { } mi ? mi.ToString() : "*")} {r.Access}"));
    }

    [Fact]
    public void AllowRulesAreFreshEachTime()
    {
        var a = Devices.AllowRules().First();
        a.Access = "rwm";
        Assert.Equal("m", Devices.AllowRules().First().Access);
    }
}
