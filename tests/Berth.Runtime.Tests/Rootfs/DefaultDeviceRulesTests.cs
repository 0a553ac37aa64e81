using Berth.Oci;
using Berth.Runtime.Rootfs;

namespace Berth.Runtime.Tests.Rootfs;

public sealed class DefaultDeviceRulesTests
{
    [Fact]
    public void NoDeviceRulesNothingAdded()
    {
        Assert.Null(ContainerCgroup.WithDefaultDevices(null));
        var r = new LinuxResources { Pids = new LinuxPids { Limit = 5 } };
        Assert.Same(r, ContainerCgroup.WithDefaultDevices(r));
        Assert.Null(r.Devices);
    }

    [Fact]
    public void AllowRulesFollowTheSpecsRulesInACopy()
    {
        var deny = new LinuxDeviceCgroup { Allow = false, Access = "rwm" };
        var r = new LinuxResources
        {
            Devices = [deny],
            Memory = new LinuxMemory { Limit = 1 }, Cpu = new LinuxCpu { Shares = 2 }, Pids = new LinuxPids { Limit = 3 },
            BlockIO = new LinuxBlockIO { Weight = 4 }, HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 5 }],
            Rdma = new() { ["mlx"] = new LinuxRdma { HcaHandles = 6 } }, Unified = new() { ["a.b"] = "7" },
        };
        var c = ContainerCgroup.WithDefaultDevices(r)!;
        Assert.NotSame(r, c);
        Assert.Single(r.Devices!);
        Assert.Same(deny, c.Devices![0]);
        Assert.Equal(1 + Devices.AllowRules().Count(), c.Devices.Count);
        Assert.All(c.Devices.Skip(1), d => Assert.True(d.Allow));
        Assert.Same(r.Memory, c.Memory);
        Assert.Same(r.Cpu, c.Cpu);
        Assert.Same(r.Pids, c.Pids);
        Assert.Same(r.BlockIO, c.BlockIO);
        Assert.Same(r.HugepageLimits, c.HugepageLimits);
        Assert.Same(r.Rdma, c.Rdma);
        Assert.Same(r.Unified, c.Unified);
    }
}
