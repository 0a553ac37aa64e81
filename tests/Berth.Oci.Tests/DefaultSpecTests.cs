using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Berth.Oci.Tests;

public sealed class DefaultSpecTests
{
    [RuncFact]
    public void MatchesRuncSpec() => AssertSameAsRunc(rootless: false);

    [RuncFact]
    public void MatchesRuncSpecRootless() => AssertSameAsRunc(rootless: true);

    [Fact]
    public void Values()
    {
        var s = DefaultSpec.Create();
        Assert.Equal(OciJson.SpecVersion, s.OciVersion);
        Assert.Equal("berth", s.Hostname);
        Assert.True(s.Process!.Terminal);
        Assert.Equal(["sh"], s.Process.Args!);
        Assert.Equal("/", s.Process.Cwd);
        Assert.True(s.Process.NoNewPrivileges);
        Assert.Equal(["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"], s.Process.Capabilities!.Bounding!);
        Assert.Equal("rootfs", s.Root!.Path);
        Assert.True(s.Root.Readonly);
        Assert.Equal(["pid", "network", "ipc", "uts", "mount"], s.Linux!.Namespaces!.Select(n => n.Type));
        Assert.Null(s.Linux.UidMappings);
    }

    [Fact]
    public void RootlessEdits()
    {
        var s = DefaultSpec.Create(rootless: true, hostUid: 1000, hostGid: 100);
        Assert.Equal(["pid", "ipc", "uts", "mount", "user"], s.Linux!.Namespaces!.Select(n => n.Type));
        Assert.Equal(1000u, Assert.Single(s.Linux.UidMappings!).HostID);
        Assert.Equal(100u, Assert.Single(s.Linux.GidMappings!).HostID);
        Assert.Null(s.Linux.Resources);
        var sys = Assert.Single(s.Mounts!, m => m.Destination == "/sys");
        Assert.Equal(("none", "/sys"), (sys.Type, sys.Source));
        Assert.DoesNotContain(s.Mounts!.SelectMany(m => m.Options ?? []), o => o.StartsWith("gid=", StringComparison.Ordinal));
    }

    [Fact]
    public void EachCallReturnsAFreshDocument()
    {
        var a = DefaultSpec.Create();
        a.Process!.Capabilities!.Bounding!.Add("CAP_SYS_ADMIN");
        a.Mounts!.Clear();
        var b = DefaultSpec.Create();
        Assert.Equal(3, b.Process!.Capabilities!.Bounding!.Count);
        Assert.Equal(3, b.Process.Capabilities.Ambient!.Count);
        Assert.Equal(7, b.Mounts!.Count);
    }

    [Fact]
    public void ToJsonRoundTrips()
    {
        var json = DefaultSpec.ToJson(DefaultSpec.Create());
        Assert.Contains("\n  \"ociVersion\": \"1.2.0\"", json);
        Assert.False(json.EndsWith('\n'));
        var back = OciJson.Parse(System.Text.Encoding.UTF8.GetBytes(json), "config.json", OciJsonContext.Default.RuntimeSpec);
        Assert.Equal(json, DefaultSpec.ToJson(back));
    }

    static void AssertSameAsRunc(bool rootless)
    {
        var dir = Path.Combine(Path.GetTempPath(), "berth-runc-spec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var psi = new ProcessStartInfo(TestEnvironment.Runc!) { WorkingDirectory = dir, RedirectStandardError = true };
            psi.ArgumentList.Add("spec");
            if (rootless) psi.ArgumentList.Add("--rootless");
            using (var p = Process.Start(psi)!)
            {
                var err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, $"runc spec failed: {err}");
            }
            var theirs = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!.AsObject();
            var ours = JsonNode.Parse(DefaultSpec.ToJson(DefaultSpec.Create(rootless)))!.AsObject();
            Assert.Equal("berth", (string?)ours["hostname"]);
            foreach (var o in new[] { theirs, ours })
            {
                o.Remove("hostname");   // ours is "berth"
                o.Remove("ociVersion"); // ours is the version we implement
            }
            Assert.True(JsonNode.DeepEquals(theirs, ours), $"runc:\n{theirs}\nberth:\n{ours}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
