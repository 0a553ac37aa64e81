using Berth.Core;

namespace Berth.Oci.Tests;

public sealed class SpecValidatorTests : IDisposable
{
    readonly TempBundle bundle = new();

    public void Dispose() => bundle.Dispose();

    string Rejects(Action<RuntimeSpec> edit)
    {
        var spec = DefaultSpec.Create();
        edit(spec);
        var e = Assert.Throws<BerthException>(() => SpecValidator.Validate(spec, bundle.Dir));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    IReadOnlyList<string> Accepts(Action<RuntimeSpec> edit)
    {
        var spec = DefaultSpec.Create();
        edit(spec);
        return SpecValidator.Validate(spec, bundle.Dir);
    }

    [Fact]
    public void DefaultSpecIsValidWithoutWarnings() => Assert.Empty(Accepts(_ => { }));

    [Fact]
    public void RootlessDefaultSpecIsValid() =>
        Assert.Empty(SpecValidator.Validate(DefaultSpec.Create(rootless: true, 1000, 1000), bundle.Dir));

    [Theory]
    [InlineData(null, "ociVersion: required")]
    [InlineData("", "ociVersion: required")]
    [InlineData("one", "ociVersion: not a version (want MAJOR.MINOR.PATCH), got \"one\"")]
    [InlineData("1.0", "ociVersion: not a version (want MAJOR.MINOR.PATCH), got \"1.0\"")]
    [InlineData("2.0.0", "ociVersion: unsupported major version 2 in \"2.0.0\" (only 1.x is supported)")]
    [InlineData("0.5.0-dev", "ociVersion: unsupported major version 0 in \"0.5.0-dev\" (only 1.x is supported)")]
    public void OciVersion(string? version, string message) => Assert.Equal(message, Rejects(s => s.OciVersion = version));

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.0.2-dev")]
    [InlineData("1.2.0")]
    [InlineData("1.1.0+build.5")]
    public void SupportedVersionsPassQuietly(string version) => Assert.Empty(Accepts(s => s.OciVersion = version));

    [Fact]
    public void NewerMinorVersionIsAWarning()
    {
        var warning = Assert.Single(Accepts(s => s.OciVersion = "1.9.0"));
        Assert.StartsWith("ociVersion: 1.9.0 is newer than the 1.2.0", warning);
    }

    [Fact]
    public void RootIsRequired()
    {
        Assert.Equal("root: required", Rejects(s => s.Root = null));
        Assert.Equal("root.path: required", Rejects(s => s.Root!.Path = ""));
        Assert.Equal("root.path: required", Rejects(s => s.Root!.Path = null));
    }

    [Fact]
    public void MissingRootfs() =>
        Assert.Equal($"root.path: \"{bundle.Dir}/nothere\" does not exist", Rejects(s => s.Root!.Path = "nothere"));

    [Fact]
    public void RootfsThatIsAFile()
    {
        File.WriteAllText(Path.Combine(bundle.Dir, "file"), "");
        Assert.Equal($"root.path: \"{bundle.Dir}/file\" is not a directory", Rejects(s => s.Root!.Path = "file"));
    }

    [Fact]
    public void AbsoluteRootfsIsUsedAsIs() => Assert.Empty(Accepts(s => s.Root!.Path = bundle.Rootfs));

    [Fact]
    public void ResolveRootfs()
    {
        var spec = DefaultSpec.Create();
        Assert.Equal(bundle.Rootfs, SpecValidator.ResolveRootfs(spec, bundle.Dir));
        Assert.Equal(bundle.Rootfs, SpecValidator.ResolveRootfs(spec, bundle.Dir + "/"));
        spec.Root!.Path = "./a/../rootfs/";
        Assert.Equal(bundle.Rootfs, SpecValidator.ResolveRootfs(spec, bundle.Dir));
        spec.Root.Path = "/srv/x";
        Assert.Equal("/srv/x", SpecValidator.ResolveRootfs(spec, bundle.Dir));
        spec.Root.Path = "rootfs";
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "b", "rootfs"), SpecValidator.ResolveRootfs(spec, "b"));
    }

    [Fact]
    public void ProcessAndArgsAreRequiredForCreate()
    {
        Assert.Equal("process: required (create needs a process to run)", Rejects(s => s.Process = null));
        Assert.Equal("process.args: must not be empty", Rejects(s => s.Process!.Args = null));
        Assert.Equal("process.args: must not be empty", Rejects(s => s.Process!.Args = []));
    }

    [Fact]
    public void Cwd()
    {
        Assert.Equal("process.cwd: required", Rejects(s => s.Process!.Cwd = null));
        Assert.Equal("process.cwd: must be an absolute path, got \"x\"", Rejects(s => s.Process!.Cwd = "x"));
        Assert.Equal("process.cwd: must be an absolute path, got \"a\\nb\"", Rejects(s => s.Process!.Cwd = "a\nb"));
    }

    [Theory]
    [InlineData("FOO", "process.env[2]: invalid entry \"FOO\" (want KEY=value)")]
    [InlineData("=x", "process.env[2]: invalid entry \"=x\" (the name is empty)")]
    [InlineData("A=\0", "process.env[2]: invalid entry \"A=\\u0000\" (contains a NUL byte)")]
    public void Env(string entry, string message) => Assert.Equal(message, Rejects(s => s.Process!.Env!.Add(entry)));

    [Fact]
    public void EmptyEnvValueIsFine() => Assert.Empty(Accepts(s => s.Process!.Env!.Add("EMPTY=")));

    [Fact]
    public void Namespaces()
    {
        Assert.Equal("linux.namespaces[5].type: unknown namespace type \"foo\" (want one of pid, network, mount, ipc, uts, user, cgroup, time)",
            Rejects(s => s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "foo" })));
        Assert.Equal("linux.namespaces: duplicate namespace type \"pid\"",
            Rejects(s => s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "pid" })));
        Assert.Equal("linux.namespaces[5].path: must be an absolute path, got \"proc/1/ns/time\"",
            Rejects(s => s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "time", Path = "proc/1/ns/time" })));
        Assert.Empty(Accepts(s => s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "cgroup" })));
    }

    [Fact]
    public void MountDestination()
    {
        Assert.Equal("mounts[7].destination: must be an absolute path, got \"data\"",
            Rejects(s => s.Mounts!.Add(new SpecMount { Destination = "data", Type = "bind", Source = "/srv" })));
        Assert.Equal("mounts[0].destination: required", Rejects(s => s.Mounts![0].Destination = null));
    }

    [Fact]
    public void Rlimits()
    {
        Assert.Equal("process.rlimits[1].type: unknown rlimit type \"NOFILE\" (want RLIMIT_NOFILE, RLIMIT_NPROC, ...)",
            Rejects(s => s.Process!.Rlimits!.Add(new Rlimit { Type = "NOFILE" })));
        Assert.Equal("process.rlimits[1].type: unknown rlimit type \"RLIMIT_FOO\" (want RLIMIT_NOFILE, RLIMIT_NPROC, ...)",
            Rejects(s => s.Process!.Rlimits!.Add(new Rlimit { Type = "RLIMIT_FOO" })));
        Assert.Equal("process.rlimits[0]: soft limit 2048 exceeds hard limit 1024 for RLIMIT_NOFILE",
            Rejects(s => s.Process!.Rlimits![0].Soft = 2048));
        Assert.Equal("process.rlimits: duplicate rlimit type \"RLIMIT_NOFILE\"",
            Rejects(s => s.Process!.Rlimits!.Add(new Rlimit { Type = "RLIMIT_NOFILE" })));
        Assert.Empty(Accepts(s => s.Process!.Rlimits!.Add(new Rlimit { Type = "RLIMIT_CORE", Soft = ulong.MaxValue, Hard = ulong.MaxValue })));
    }

    [Fact]
    public void UnknownCapabilitiesAreWarnings()
    {
        var warnings = Accepts(s =>
        {
            s.Process!.Capabilities!.Bounding!.Add("CAP_FLY");
            s.Process.Capabilities.Effective!.Add("chown");
        });
        Assert.Equal(
        [
            "process.capabilities.bounding: unknown capability \"CAP_FLY\" is ignored",
            "process.capabilities.effective: unknown capability \"chown\" is ignored",
        ], warnings);
    }

    [Fact]
    public void EveryKnownCapabilityIsAccepted() =>
        Assert.Empty(Accepts(s => s.Process!.Capabilities!.Bounding = [.. CapabilityNames.All]));

    [Theory]
    [InlineData("private")]
    [InlineData("rprivate")]
    [InlineData("slave")]
    [InlineData("rslave")]
    [InlineData("shared")]
    [InlineData("rshared")]
    [InlineData("unbindable")]
    [InlineData("runbindable")]
    public void RootfsPropagationValues(string value) => Assert.Empty(Accepts(s => s.Linux!.RootfsPropagation = value));

    [Fact]
    public void RootfsPropagationUnknown() =>
        Assert.Equal("linux.rootfsPropagation: must be one of private, rprivate, slave, rslave, shared, rshared, unbindable, runbindable, got \"rslaved\"",
            Rejects(s => s.Linux!.RootfsPropagation = "rslaved"));

    [Fact]
    public void HostnameNeedsUtsNamespace()
    {
        Assert.Equal("hostname: unable to set hostname without a private UTS namespace",
            Rejects(s => s.Linux!.Namespaces!.RemoveAll(n => n.Type == "uts")));
        Assert.Empty(Accepts(s => { s.Hostname = null; s.Linux!.Namespaces!.RemoveAll(n => n.Type == "uts"); }));
        Assert.Equal("domainname: unable to set domainname without a private UTS namespace",
            Rejects(s => { s.Hostname = null; s.Domainname = "example.org"; s.Linux!.Namespaces!.RemoveAll(n => n.Type == "uts"); }));
    }

    [Fact]
    public void Sysctls()
    {
        Assert.Empty(Accepts(s => s.Linux!.Sysctl = new() { ["net.ipv4.ip_forward"] = "1", ["kernel.shmmax"] = "1", ["fs.mqueue.msg_max"] = "10" }));
        Assert.Equal("linux.sysctl: sysctl \"net.ipv4.ip_forward\" is not allowed in the hosts network namespace",
            Rejects(s => { s.Linux!.Sysctl = new() { ["net.ipv4.ip_forward"] = "1" }; s.Linux.Namespaces!.RemoveAll(n => n.Type == "network"); }));
        Assert.Equal("linux.sysctl: sysctl \"kernel.msgmax\" is not allowed in the hosts ipc namespace",
            Rejects(s => { s.Linux!.Sysctl = new() { ["kernel.msgmax"] = "1" }; s.Linux.Namespaces!.RemoveAll(n => n.Type == "ipc"); }));
        Assert.Equal("linux.sysctl: sysctl \"vm.swappiness\" is not in a separate kernel namespace",
            Rejects(s => s.Linux!.Sysctl = new() { ["vm.swappiness"] = "1" }));
    }

    [Fact]
    public void Hooks()
    {
        Assert.Equal("hooks.poststop[0].path: must be an absolute path, got \"cleanup.sh\"",
            Rejects(s => s.Hooks = new SpecHooks { Poststop = [new Hook { Path = "cleanup.sh" }] }));
        Assert.Equal("hooks.createRuntime[1].path: required",
            Rejects(s => s.Hooks = new SpecHooks { CreateRuntime = [new Hook { Path = "/bin/true" }, new Hook()] }));
        Assert.Equal("hooks.prestart[0].timeout: must be greater than zero, got 0",
            Rejects(s => s.Hooks = new SpecHooks { Prestart = [new Hook { Path = "/bin/true", Timeout = 0 }] }));
        Assert.Empty(Accepts(s => s.Hooks = new SpecHooks { StartContainer = [new Hook { Path = "/bin/true", Timeout = 5, Env = ["A=b"] }] }));
    }

    [Theory]
    [InlineData(-1001, false)]
    [InlineData(-1000, true)]
    [InlineData(0, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void OomScoreAdj(int value, bool ok)
    {
        if (ok) Assert.Empty(Accepts(s => s.Process!.OomScoreAdj = value));
        else Assert.Equal($"process.oomScoreAdj: must be between -1000 and 1000, got {value}", Rejects(s => s.Process!.OomScoreAdj = value));
    }

    [Fact]
    public void IdMappingsNeedUserNamespace() =>
        Assert.Equal("linux.uidMappings: set, but linux.namespaces has no user namespace",
            Rejects(s => s.Linux!.UidMappings = [new IdMapping { ContainerID = 0, HostID = 1000, Size = 1 }]));

    [Fact]
    public void Devices()
    {
        Assert.Equal("linux.devices[0].type: must be one of c, b, u, p, got \"x\"",
            Rejects(s => s.Linux!.Devices = [new LinuxDevice { Path = "/dev/fuse", Type = "x" }]));
        Assert.Equal("linux.devices[0].path: must be an absolute path, got \"dev/fuse\"",
            Rejects(s => s.Linux!.Devices = [new LinuxDevice { Path = "dev/fuse", Type = "c" }]));
    }

    [Theory]
    [InlineData("2MB", true)]
    [InlineData("64KB", true)]
    [InlineData("1GB", true)]
    [InlineData("64kB", false)]
    [InlineData("0MB", false)]
    [InlineData("MB", false)]
    [InlineData("2M", false)]
    public void HugepagePageSize(string size, bool ok)
    {
        void edit(RuntimeSpec s) => s.Linux!.Resources!.HugepageLimits = [new LinuxHugepageLimit { PageSize = size, Limit = 1 }];
        if (ok) Assert.Empty(Accepts(edit));
        else Assert.Equal($"linux.resources.hugepageLimits[0].pageSize: must look like 2MB or 64KB, got \"{size}\"", Rejects(edit));
    }

    [Fact]
    public void ValidateDocumentNeedsNoProcessNorBundle()
    {
        var spec = new RuntimeSpec { OciVersion = "1.0.0", Root = new SpecRoot { Path = "/does/not/exist" } };
        Assert.Empty(SpecValidator.ValidateDocument(spec));
        spec.Process = new SpecProcess { Cwd = "/" }; // args are only needed to start
        Assert.Empty(SpecValidator.ValidateDocument(spec));
        spec.Process.Cwd = "rel";
        Assert.Equal("process.cwd: must be an absolute path, got \"rel\"",
            Assert.Throws<BerthException>(() => SpecValidator.ValidateDocument(spec)).Message);
    }

    [Fact]
    public void ValidateProcessForExec()
    {
        Assert.Empty(SpecValidator.ValidateProcess(new SpecProcess { Args = ["ls"], Cwd = "/" }));
        Assert.Equal("process.args: must not be empty",
            Assert.Throws<BerthException>(() => SpecValidator.ValidateProcess(new SpecProcess { Cwd = "/" })).Message);
    }
}
