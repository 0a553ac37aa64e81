using System.Text;
using Berth.Core;

namespace Berth.Oci.Tests;

public sealed class JsonErrorTests
{
    static string Error(string json)
    {
        var e = Assert.Throws<BerthException>(() => OciJson.Parse(Encoding.UTF8.GetBytes(json), "config.json", OciJsonContext.Default.RuntimeSpec));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith("config.json: invalid JSON", e.Message);
        return e.Message;
    }

    [Theory]
    [InlineData("""{"ociVersion":"1.0.0","process":{"args":"sh"}}""", "$.process.args")]
    [InlineData("""{"ociVersion":"1.0.0","process":{"user":{"uid":"0","gid":0}}}""", "$.process.user.uid")]
    [InlineData("""{"ociVersion":"1.0.0","process":{"user":{"uid":-1}}}""", "$.process.user.uid")]
    [InlineData("""{"ociVersion":"1.0.0","root":{"path":"rootfs","readonly":"yes"}}""", "$.root.readonly")]
    [InlineData("""{"ociVersion":1}""", "$.ociVersion")]
    [InlineData("""{"ociVersion":"1.0.0","mounts":{"destination":"/x"}}""", "$.mounts")]
    [InlineData("""{"ociVersion":"1.0.0","linux":{"namespaces":[{"type":"pid"},"uts"]}}""", "$.linux.namespaces[1]")]
    [InlineData("""{"ociVersion":"1.0.0","process":{"env":["A=b",1]}}""", "$.process.env[1]")]
    [InlineData("""{"ociVersion":"1.0.0","linux":{"resources":{"memory":{"limit":"1g"}}}}""", "$.linux.resources.memory.limit")]
    [InlineData("""{"ociVersion":"1.0.0","annotations":{"a":1}}""", "$.annotations.a")]
    [InlineData("""{"ociVersion":"1.0.0","annotations":{"com.example.key":1}}""", "$.annotations['com.example.key']")]
    public void WrongTypeNamesThePath(string json, string path) => Assert.Contains($" at {path}", Error(json));

    [Theory]
    [InlineData("""{"ociVersion":"1.0.0","process":{"args":"sh"}}""",
        "config.json: invalid JSON at $.process.args (line 1, column 45): expected an array of strings, got the string \"sh\"")]
    [InlineData("""{"ociVersion":"1.0.0","process":{"user":{"uid":"0","gid":0}}}""",
        "config.json: invalid JSON at $.process.user.uid (line 1, column 51): expected an integer from 0 to 4294967295, got the string \"0\"")]
    [InlineData("""{"ociVersion":"1.0.0","process":{"user":{"uid":-1}}}""",
        "config.json: invalid JSON at $.process.user.uid (line 1, column 50): expected an integer from 0 to 4294967295, got -1")]
    [InlineData("""{"ociVersion":"1.0.0","mounts":{"destination":"/x"}}""",
        "config.json: invalid JSON at $.mounts (line 1, column 33): expected an array of objects, got an object")]
    [InlineData("""{"ociVersion":"1.0.0","linux":{"namespaces":[{"type":"pid"},"uts"]}}""",
        "config.json: invalid JSON at $.linux.namespaces[1] (line 1, column 66): expected an object, got the string \"uts\"")]
    [InlineData("""{"ociVersion":true}""",
        "config.json: invalid JSON at $.ociVersion (line 1, column 19): expected a string, got true")]
    public void WrongTypeSaysWhatWasExpected(string json, string message) => Assert.Equal(message, Error(json));

    [Fact]
    public void MessageDoesNotLeakDotnetTypeNames()
    {
        var message = Error("""{"ociVersion":"1.0.0","process":{"args":"sh"}}""");
        Assert.DoesNotContain("System.", message);
        Assert.DoesNotContain("Berth.", message);
        Assert.DoesNotContain("`1", message);
    }

    [Fact]
    public void SyntaxErrorNamesTheLine()
    {
        var message = Error("{\n  \"ociVersion\": \"1.0.0\",\n  ]\n}");
        Assert.Contains("(line 3", message);
    }

    [Fact]
    public void UnknownFieldsAreIgnored()
    {
        var spec = OciJson.Parse("""{"ociVersion":"1.0.0","vm":{"hypervisor":{}},"linux":{"intelRdt":{"closID":"x"}}}"""u8, "config.json", OciJsonContext.Default.RuntimeSpec);
        Assert.Equal("1.0.0", spec.OciVersion);
    }

    [Fact]
    public void ReadSpecOfMissingFileIsNotFound()
    {
        var e = Assert.Throws<BerthException>(() => OciJson.ReadSpec("/nonexistent/config.json"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public void NullDocument()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "null");
            var e = Assert.Throws<BerthException>(() => OciJson.ReadSpec(path));
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        }
        finally { File.Delete(path); }
    }
}
