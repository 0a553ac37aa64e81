using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Berth.Core;

namespace Berth.Oci.Tests;

/// <summary>The spec's own test vectors and examples (../shared/specs/oci-runtime-spec) against the model and the validator.</summary>
public sealed partial class SpecVectorTests
{
    static string Vectors(string kind, string verdict) => Path.Combine(TestEnvironment.SpecDir, "test-vectors", kind, verdict);

    // Vectors for other platforms: they parse (unknown sections are ignored) but the Linux validator does not judge them.
    static bool OtherPlatform(string file) => Path.GetFileName(file).StartsWith("freebsd-", StringComparison.Ordinal)
        || Path.GetFileName(file).StartsWith("zos-", StringComparison.Ordinal);

    [SpecsFact]
    public void GoodConfigsParse()
    {
        var files = Directory.GetFiles(Vectors("config", "good"), "*.json");
        Assert.True(files.Length >= 5, $"expected the good config vectors in {Vectors("config", "good")}");
        foreach (var file in files)
        {
            var spec = OciJson.ReadSpec(file);
            Assert.False(string.IsNullOrEmpty(spec.OciVersion), file);
            Assert.Equal("rootfs", spec.Root?.Path);
        }
    }

    [SpecsFact]
    public void GoodLinuxConfigsPassDocumentValidation()
    {
        foreach (var file in Directory.GetFiles(Vectors("config", "good"), "*.json").Where(f => !OtherPlatform(f)))
        {
            var spec = OciJson.ReadSpec(file);
            if (Path.GetFileName(file) == "spec-example.json")
            {
                // The example still says "0.5.0-dev"; berth, like the brief, takes only 1.x. The rest of it is valid.
                Assert.Equal("ociVersion: unsupported major version 0 in \"0.5.0-dev\" (only 1.x is supported)",
                    Assert.Throws<BerthException>(() => SpecValidator.ValidateDocument(spec)).Message);
                spec.OciVersion = "1.0.0";
            }
            var warnings = SpecValidator.ValidateDocument(spec);
            Assert.True(warnings.Count == 0, $"{file}: {string.Join("; ", warnings)}");
        }
    }

    [SpecsFact]
    public void GoodLinuxConfigsCreateOnceTheyHaveAProcessAndARootfs()
    {
        using var bundle = new TempBundle();
        var spec = OciJson.ReadSpec(Path.Combine(Vectors("config", "good"), "minimal-for-start.json"));
        Assert.Empty(SpecValidator.Validate(spec, bundle.Dir));
        var minimal = OciJson.ReadSpec(Path.Combine(Vectors("config", "good"), "minimal.json"));
        Assert.Equal("process: required (create needs a process to run)",
            Assert.Throws<BerthException>(() => SpecValidator.Validate(minimal, bundle.Dir)).Message);
    }

    [SpecsFact]
    public void BadConfigsFail()
    {
        var files = Directory.GetFiles(Vectors("config", "bad"), "*.json");
        Assert.NotEmpty(files);
        var judged = 0;
        foreach (var file in files)
        {
            if (OtherPlatform(file)) continue; // freebsd-vnet-disable.json: an enum of the freebsd section, which berth does not model
            var e = Assert.Throws<BerthException>(() => SpecValidator.ValidateDocument(OciJson.ReadSpec(file)));
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
            judged++;
        }
        Assert.True(judged >= 4, $"only {judged} bad Linux vectors");
    }

    [SpecsFact]
    public void BadConfigReasons()
    {
        string Fails(string name)
        {
            var file = Path.Combine(Vectors("config", "bad"), name);
            return Assert.Throws<BerthException>(() => SpecValidator.ValidateDocument(OciJson.ReadSpec(file))).Message;
        }
        Assert.Equal("linux.resources.hugepageLimits[0].pageSize: must look like 2MB or 64KB, got \"64kB\"", Fails("linux-hugepage.json"));
        Assert.Matches(@"invalid JSON at \$\.linux\.netDevices\.eth0\.name \(line 9, column \d+\): expected a string, got 23$", Fails("linux-netdevice.json"));
        Assert.Matches(@"invalid JSON at \$\.linux\.resources\.rdma\.mlx5_1\.hcaHandles \(line 10, column \d+\): expected an integer from 0 to 4294967295, got the string ""not a uint32""$",
            Fails("linux-rdma.json"));
        Assert.Contains("invalid JSON at $ (line 1, column 2)", Fails("invalid-json.json"));
    }

    [SpecsFact]
    public void StateVectors()
    {
        foreach (var file in Directory.GetFiles(Vectors("state", "good"), "*.json"))
        {
            var state = OciJson.Parse(File.ReadAllBytes(file), file, OciJsonContext.Default.ContainerState);
            Assert.False(string.IsNullOrEmpty(state.Id), file);
        }
        foreach (var file in Directory.GetFiles(Vectors("state", "bad"), "*.json"))
            Assert.Throws<BerthException>(() => OciJson.Parse(File.ReadAllBytes(file), file, OciJsonContext.Default.ContainerState));
    }

    // The checker used below agrees with the vectors, so its verdict on our documents means something.
    [SpecsFact]
    public void SchemaCheckerAgreesWithTheVectors()
    {
        var schema = new MiniJsonSchema(TestEnvironment.SpecDir);
        foreach (var file in Directory.GetFiles(Vectors("config", "good"), "*.json"))
            Assert.Equal([], schema.Validate(JsonNode.Parse(File.ReadAllText(file)), "config-schema.json").Select(e => $"{Path.GetFileName(file)} {e}"));
        foreach (var file in Directory.GetFiles(Vectors("config", "bad"), "*.json").Where(f => !f.EndsWith("invalid-json.json", StringComparison.Ordinal)))
            Assert.NotEmpty(schema.Validate(JsonNode.Parse(File.ReadAllText(file)), "config-schema.json"));
    }

    [SpecsFact]
    public void DefaultSpecMatchesTheConfigSchema()
    {
        var schema = new MiniJsonSchema(TestEnvironment.SpecDir);
        Assert.Empty(schema.Validate(JsonNode.Parse(DefaultSpec.ToJson(DefaultSpec.Create())), "config-schema.json"));
        Assert.Empty(schema.Validate(JsonNode.Parse(DefaultSpec.ToJson(DefaultSpec.Create(true, 1000, 1000))), "config-schema.json"));
    }

    // Every ```json block of config.md and config-linux.md that is JSON at all parses into the model,
    // whole documents as they are and fragments ("key": value) placed where they belong.
    [SpecsFact]
    public void MarkdownExamplesParse()
    {
        var parsed = 0;
        foreach (var md in new[] { "config.md", "config-linux.md" })
        {
            foreach (Match m in JsonBlock().Matches(File.ReadAllText(Path.Combine(TestEnvironment.SpecDir, md))))
            {
                var text = m.Groups[1].Value.Trim();
                var doc = TryParse(text) ?? TryParse("{" + text + "}");
                if (doc is null) continue; // three examples in the spec are not JSON (a trailing comma, a missing one)
                if (doc.ContainsKey("fds")) continue; // the seccomp agent's container process state, not a config
                if (md == "config-linux.md" && !doc.ContainsKey("linux")) doc = Place(doc);
                var json = doc.ToJsonString();
                var spec = OciJson.Parse(Encoding.UTF8.GetBytes(json), $"{md} example {json[..Math.Min(60, json.Length)]}", OciJsonContext.Default.RuntimeSpec);
                Assert.NotNull(spec);
                parsed++;
            }
        }
        Assert.True(parsed >= 30, $"only {parsed} examples parsed");
    }

    static readonly HashSet<string> ResourceKeys = ["memory", "cpu", "blockIO", "hugepageLimits", "network", "pids", "rdma", "unified"];

    // A config-linux.md fragment belongs under linux, or under linux.resources for the cgroup ones.
    static JsonObject Place(JsonObject fragment)
    {
        var key = fragment.Select(p => p.Key).First();
        var cgroupDevices = key == "devices" && fragment["devices"] is JsonArray a && a.FirstOrDefault() is JsonObject d && d.ContainsKey("allow");
        var inner = ResourceKeys.Contains(key) || cgroupDevices ? new JsonObject { ["resources"] = fragment } : fragment;
        return new JsonObject { ["linux"] = inner };
    }

    static JsonObject? TryParse(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    [GeneratedRegex(@"```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
