using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Core;

namespace Berth.Oci.Tests;

public sealed class RuntimeFeaturesTests
{
    static readonly RuntimeFeatures Ours = RuntimeFeatures.Create("0.1.0-test");

    [Fact]
    public void Declares()
    {
        Assert.Equal("1.0.0", Ours.OciVersionMin);
        Assert.Equal(OciJson.SpecVersion, Ours.OciVersionMax);
        Assert.Equal(["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"], Ours.Hooks!);
        Assert.Contains("rbind", Ours.MountOptions!);
        var linux = Ours.Linux!;
        Assert.Equal(["cgroup", "ipc", "mount", "network", "pid", "uts"], linux.Namespaces!);
        Assert.Equal(CapabilityNames.All, linux.Capabilities!);
        Assert.Equal((true, true, false, false), (linux.Cgroup!.V1, linux.Cgroup.V2, linux.Cgroup.Systemd, linux.Cgroup.SystemdUser));
        Assert.True(linux.Seccomp!.Enabled);
        Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64"], linux.Seccomp.Archs!);
        Assert.False(linux.Apparmor!.Enabled);
        Assert.False(linux.Selinux!.Enabled);
        Assert.Equal("0.1.0-test", Ours.Annotations![RuntimeFeatures.VersionAnnotation]);
        Assert.Equal("io.berth.runtime.version", RuntimeFeatures.VersionAnnotation);
    }

    [Fact]
    public void JsonUsesSpecNamesAndOmitsUnset()
    {
        var json = JsonNode.Parse(RuntimeFeatures.ToJson(Ours))!.AsObject();
        Assert.Equal(["ociVersionMin", "ociVersionMax", "hooks", "mountOptions", "linux", "annotations"], json.Select(p => p.Key));
        Assert.Equal(["namespaces", "capabilities", "cgroup", "seccomp", "apparmor", "selinux"], json["linux"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["v1", "v2", "systemd", "systemdUser"], json["linux"]!["cgroup"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void RoundTrips()
    {
        var json = RuntimeFeatures.ToJson(Ours);
        Assert.Equal(json, RuntimeFeatures.ToJson(RuntimeFeatures.Parse(Encoding.UTF8.GetBytes(json), "features.json")));
    }

    [Fact]
    public void OurVersionRangeCoversWhatTheValidatorAccepts()
    {
        foreach (var version in new[] { Ours.OciVersionMin, Ours.OciVersionMax })
        {
            var spec = DefaultSpec.Create();
            spec.OciVersion = version;
            Assert.Empty(SpecValidator.ValidateDocument(spec));
        }
    }

    [Fact]
    public void EveryDeclaredCapabilityAndNamespaceIsKnownToTheValidator()
    {
        Assert.All(Ours.Linux!.Capabilities!, c => Assert.True(CapabilityNames.IsKnown(c)));
        Assert.All(Ours.Linux!.Namespaces!, n => Assert.Contains(n, SpecValidator.NamespaceTypes));
    }

    [SpecsFact]
    public void ValidatesAgainstFeaturesSchema()
    {
        var schema = new MiniJsonSchema(TestEnvironment.SpecDir);
        Assert.Empty(schema.Validate(JsonNode.Parse(RuntimeFeatures.ToJson(Ours)), "features-schema.json"));
        // and the schema checker is not vacuous:
        Assert.Equal(["$: missing required property ociVersionMax"], schema.Validate(JsonNode.Parse("""{"ociVersionMin":"1.0.0"}"""), "features-schema.json"));
        Assert.NotEmpty(schema.Validate(JsonNode.Parse("""{"ociVersionMin":"1.0.0","ociVersionMax":"1.2.0","linux":{"namespaces":["net"]}}"""), "features-schema.json"));
    }

    [Fact]
    public void MissingRequiredVersionIsRejected()
    {
        var e = Assert.Throws<BerthException>(() => RuntimeFeatures.Parse("""{"ociVersionMin":"1.1.0"}"""u8, "features.json"));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("features.json: invalid JSON at $ (line 1, column 26): missing required property ociVersionMax", e.Message);
    }

    [SpecsFact]
    public void FeatureVectors()
    {
        var dir = Path.Combine(TestEnvironment.SpecDir, "test-vectors", "features");
        var good = Directory.GetFiles(Path.Combine(dir, "good"), "*.json");
        Assert.NotEmpty(good);
        foreach (var file in good)
        {
            var f = RuntimeFeatures.Parse(File.ReadAllBytes(file), file);
            Assert.False(string.IsNullOrEmpty(f.OciVersionMax), file);
        }
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "bad"), "*.json"))
            Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => RuntimeFeatures.Parse(File.ReadAllBytes(file), file)).Kind);
    }

    // runc's document parses into our model with nothing lost that the model knows about.
    [RuncFact]
    public void ParsesRuncFeatures()
    {
        var psi = new ProcessStartInfo(TestEnvironment.Runc!, "features") { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        var runc = RuntimeFeatures.Parse(Encoding.UTF8.GetBytes(output), "runc features");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(output), JsonNode.Parse(RuntimeFeatures.ToJson(runc))));
        Assert.Equal(runc.Hooks!, Ours.Hooks!);
        Assert.Equal(runc.MountOptions!, Ours.MountOptions!);
        Assert.Subset(runc.Linux!.Seccomp!.Actions!.ToHashSet(), Ours.Linux!.Seccomp!.Actions!.ToHashSet());
        Assert.Subset(runc.Linux.Seccomp.Archs!.ToHashSet(), Ours.Linux.Seccomp.Archs!.ToHashSet());
    }
}
