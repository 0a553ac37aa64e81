using Berth.Core;
using Berth.Runtime.Rootfs;
using static Berth.Linux.Interop.Libc;

namespace Berth.Runtime.Tests.Rootfs;

public sealed class MountOptionsTests
{
    public static TheoryData<string, ulong, bool> FlagTable => new()
    {
        { "ro", MS_RDONLY, false }, { "rw", MS_RDONLY, true },
        { "nosuid", MS_NOSUID, false }, { "suid", MS_NOSUID, true },
        { "nodev", MS_NODEV, false }, { "dev", MS_NODEV, true },
        { "noexec", MS_NOEXEC, false }, { "exec", MS_NOEXEC, true },
        { "sync", MS_SYNCHRONOUS, false }, { "async", MS_SYNCHRONOUS, true },
        { "dirsync", MS_DIRSYNC, false },
        { "mand", MS_MANDLOCK, false }, { "nomand", MS_MANDLOCK, true },
        { "noatime", MS_NOATIME, false }, { "atime", MS_NOATIME, true },
        { "nodiratime", MS_NODIRATIME, false }, { "diratime", MS_NODIRATIME, true },
        { "relatime", MS_RELATIME, false }, { "norelatime", MS_RELATIME, true },
        { "strictatime", MS_STRICTATIME, false }, { "nostrictatime", MS_STRICTATIME, true },
        { "nosymfollow", MS_NOSYMFOLLOW, false }, { "symfollow", MS_NOSYMFOLLOW, true },
        { "lazytime", MS_LAZYTIME, false }, { "nolazytime", MS_LAZYTIME, true },
    };

    [Theory]
    [MemberData(nameof(FlagTable))]
    public void EachFlag(string option, ulong flag, bool clears)
    {
        var o = MountOptions.Parse([option]);
        Assert.Equal(clears ? 0UL : flag, o.Flags);
        Assert.Equal(clears ? flag : 0UL, o.Clear);
        Assert.Equal("", o.Data);
        Assert.Equal(0UL, o.Propagation);
        Assert.False(o.Bind);
        Assert.False(o.Recursive);
    }

    [Fact]
    public void TheConstantsAreTheKernelsValues()
    {
        Assert.Equal((1UL, 2UL, 4UL, 8UL), (MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC));
        Assert.Equal((4096UL, 16384UL), (MS_BIND, MS_REC));
        Assert.Equal((1UL << 17, 1UL << 18, 1UL << 19, 1UL << 20), (MS_UNBINDABLE, MS_PRIVATE, MS_SLAVE, MS_SHARED));
        Assert.Equal((1UL << 21, 1UL << 24), (MS_RELATIME, MS_STRICTATIME));
    }

    [Fact]
    public void NoOptions()
    {
        Assert.Equal(new MountOptions(0, 0, 0, "", false, false), MountOptions.Parse(null));
        Assert.Equal(new MountOptions(0, 0, 0, "", false, false), MountOptions.Parse([]));
        Assert.Equal(new MountOptions(0, 0, 0, "", false, false), MountOptions.Parse(["defaults"]));
    }

    [Fact]
    public void FlagsCombine()
    {
        var o = MountOptions.Parse(["nosuid", "noexec", "nodev", "ro"]);
        Assert.Equal(MS_NOSUID | MS_NOEXEC | MS_NODEV | MS_RDONLY, o.Flags);
        Assert.Equal(0UL, o.Clear);
    }

    [Fact]
    public void LaterOptionsOverrideEarlierOnes()
    {
        var rw = MountOptions.Parse(["ro", "rw"]);
        Assert.Equal((0UL, MS_RDONLY), (rw.Flags, rw.Clear));
        var ro = MountOptions.Parse(["rw", "ro"]);
        Assert.Equal((MS_RDONLY, 0UL), (ro.Flags, ro.Clear));
        var mixed = MountOptions.Parse(["suid", "nodev", "nosuid", "dev"]);
        Assert.Equal((MS_NOSUID, MS_NODEV), (mixed.Flags, mixed.Clear));
    }

    [Fact]
    public void BindIsNotAFlag()
    {
        var o = MountOptions.Parse(["bind", "ro"]);
        Assert.Equal(MS_RDONLY, o.Flags);
        Assert.True(o.Bind);
        Assert.False(o.Recursive);
    }

    [Fact]
    public void RbindIsRecursive()
    {
        var o = MountOptions.Parse(["rbind", "nosuid"]);
        Assert.Equal(MS_NOSUID, o.Flags);
        Assert.True(o.Bind);
        Assert.True(o.Recursive);
    }

    [Fact]
    public void UnknownOptionsAreFilesystemData()
    {
        var o = MountOptions.Parse(["nosuid", "mode=755", "strictatime", "size=65536k", "newinstance"]);
        Assert.Equal(MS_NOSUID | MS_STRICTATIME, o.Flags);
        Assert.Equal("mode=755,size=65536k,newinstance", o.Data);
    }

    [Theory]
    [InlineData("private", MS_PRIVATE)]
    [InlineData("rprivate", MS_PRIVATE | MS_REC)]
    [InlineData("shared", MS_SHARED)]
    [InlineData("rshared", MS_SHARED | MS_REC)]
    [InlineData("slave", MS_SLAVE)]
    [InlineData("rslave", MS_SLAVE | MS_REC)]
    [InlineData("unbindable", MS_UNBINDABLE)]
    [InlineData("runbindable", MS_UNBINDABLE | MS_REC)]
    public void Propagation(string option, ulong expected)
    {
        var o = MountOptions.Parse(["rbind", option]);
        Assert.Equal(expected, o.Propagation);
        Assert.Equal(0UL, o.Flags);
        Assert.Equal("", o.Data);
        Assert.Equal(expected, MountOptions.PropagationOf(option));
    }

    [Fact]
    public void PropagationOfUnknownIsNull()
    {
        Assert.Null(MountOptions.PropagationOf("ro"));
        Assert.Null(MountOptions.PropagationOf("PRIVATE"));
    }

    [Fact]
    public void TheLastPropagationWins() =>
        Assert.Equal(MS_SLAVE | MS_REC, MountOptions.Parse(["shared", "rslave"]).Propagation);

    [Fact]
    public void UnsupportedRecursiveOptionsAreIgnored()
    {
        var o = MountOptions.Parse(["tmpcopyup", "rro", "rrw", "rnosuid", "rnodev", "rnoexec"]);
        Assert.Equal(new MountOptions(0, 0, 0, "", false, false), o);
    }

    [Theory]
    [InlineData("idmap")]
    [InlineData("ridmap")]
    [InlineData("idmap=uids=0-1000-10")]
    public void IdMappedMountsAreRefused(string option)
    {
        var e = Assert.Throws<BerthException>(() => MountOptions.Parse(["bind", option]));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"mount option {option}: id-mapped mounts are not supported yet", e.Message);
    }

    [Fact]
    public void OptionsAreCaseSensitive()
    {
        var o = MountOptions.Parse(["RO"]);
        Assert.Equal((0UL, "RO"), (o.Flags, o.Data));
    }
}
