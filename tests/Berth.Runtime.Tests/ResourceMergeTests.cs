using Berth.Oci;

namespace Berth.Runtime.Tests;

public sealed class ResourceMergeTests
{
    static LinuxResources Current() => new()
    {
        Memory = new LinuxMemory { Limit = 100, Reservation = 50, Swap = 200, Swappiness = 10, DisableOOMKiller = true },
        Cpu = new LinuxCpu { Shares = 1024, Quota = 50000, Period = 100000, Cpus = "0-1", Mems = "0", RealtimePeriod = 7, RealtimeRuntime = 8 },
        Pids = new LinuxPids { Limit = 64 },
        BlockIO = new LinuxBlockIO { Weight = 500 },
        Unified = new() { ["memory.high"] = "1000", ["io.weight"] = "100" },
    };

    [Fact]
    public void EmptyUpdateChangesNothing()
    {
        var r = ResourceMerge.Merge(Current(), new LinuxResources());
        Assert.Equal((100L, 50L, 200L, 10UL), (r.Memory!.Limit, r.Memory.Reservation, r.Memory.Swap, r.Memory.Swappiness));
        Assert.Equal((1024UL, 50000L, 100000UL, "0-1", "0"), (r.Cpu!.Shares, r.Cpu.Quota, r.Cpu.Period, r.Cpu.Cpus, r.Cpu.Mems));
        Assert.Equal(64, r.Pids!.Limit);
        Assert.Equal((ushort)500, r.BlockIO!.Weight);
        Assert.Equal(2, r.Unified!.Count);
    }

    [Fact]
    public void MemoryFieldsOverlay()
    {
        var r = ResourceMerge.Merge(Current(), new LinuxResources { Memory = new LinuxMemory { Limit = 300, Swap = -1 } });
        Assert.Equal((300L, 50L, -1L, 10UL), (r.Memory!.Limit, r.Memory.Reservation, r.Memory.Swap, r.Memory.Swappiness));
        Assert.True(r.Memory.DisableOOMKiller);
        Assert.Equal(1024UL, r.Cpu!.Shares);
    }

    [Fact]
    public void CpuFieldsOverlay()
    {
        var r = ResourceMerge.Merge(Current(), new LinuxResources { Cpu = new LinuxCpu { Quota = -1, Cpus = "2", RealtimeRuntime = 9 } });
        Assert.Equal((1024UL, -1L, 100000UL, "2", "0", 7UL, 9L),
            (r.Cpu!.Shares, r.Cpu.Quota, r.Cpu.Period, r.Cpu.Cpus, r.Cpu.Mems, r.Cpu.RealtimePeriod, r.Cpu.RealtimeRuntime));
    }

    [Fact]
    public void PidsAndBlockIOAreReplaced()
    {
        var r = ResourceMerge.Merge(Current(), new LinuxResources { Pids = new LinuxPids { Limit = -1 }, BlockIO = new LinuxBlockIO { Weight = 10 } });
        Assert.Equal(-1, r.Pids!.Limit);
        Assert.Equal((ushort)10, r.BlockIO!.Weight);
    }

    [Fact]
    public void UnifiedKeysAreMerged()
    {
        var r = ResourceMerge.Merge(Current(), new LinuxResources { Unified = new() { ["memory.high"] = "max", ["pids.max"] = "5" } });
        Assert.Equal(new Dictionary<string, string> { ["memory.high"] = "max", ["io.weight"] = "100", ["pids.max"] = "5" }, r.Unified);
    }

    [Fact]
    public void NothingCurrent()
    {
        var r = ResourceMerge.Merge(null, new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 1 },
            Cpu = new LinuxCpu { Shares = 2 },
            Unified = new() { ["a.b"] = "c" },
        });
        Assert.Equal(1L, r.Memory!.Limit);
        Assert.Null(r.Memory.Swap);
        Assert.Equal(2UL, r.Cpu!.Shares);
        Assert.Null(r.Cpu.Quota);
        Assert.Null(r.Pids);
        Assert.Equal("c", r.Unified!["a.b"]);
    }

    [Fact]
    public void MissingSectionsOfCurrentAreCreated()
    {
        var r = ResourceMerge.Merge(new LinuxResources(), new LinuxResources { Memory = new LinuxMemory { Reservation = 5 } });
        Assert.Equal(5L, r.Memory!.Reservation);
        Assert.Null(r.Memory.Limit);
        Assert.Null(r.Cpu);
    }
}
